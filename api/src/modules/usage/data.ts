import type { DataHolder } from '../../platform/privacy/data-holders.js';

/** Usage totals: daily counts that name no one, so there is nothing of anyone's to export or purge. */
export const usageData: DataHolder = {
  owner: 'usage',
  entities: ['PageCount'],
  notExported: { PageCount: 'daily totals that name no one' },
};
