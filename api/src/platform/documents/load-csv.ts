import { loadOnFirstUse } from '../load-on-first-use.js';

/** The CSV writer, loaded by the first CSV the process writes (a transcript, an export's tables). */
export const loadCsvStringify = loadOnFirstUse(() => import('csv-stringify/sync'));

/** The CSV reader, loaded by the first CSV thread import. */
export const loadCsvParse = loadOnFirstUse(() => import('csv-parse/sync'));
