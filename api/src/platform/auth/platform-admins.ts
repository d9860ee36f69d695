import { readList, type Config } from '../../config.js';
import { normalizeEmail } from '../db/ids.js';
import { AppError } from '../errors.js';

/**
 * The platform's operators (PLATFORM_ADMIN_EMAILS): the only people who may read what belongs to
 * no workspace (webhook delivery logs, aggregate usage). Everyone else is answered 404.
 */
export function createPlatformAdminCheck(config: Config): {
  isPlatformAdmin: (email: string) => boolean;
  requirePlatformAdmin: (email: string) => void;
} {
  const admins = new Set(readList(config.PLATFORM_ADMIN_EMAILS).map(normalizeEmail));
  const isPlatformAdmin = (email: string) => admins.has(normalizeEmail(email));
  return {
    isPlatformAdmin,
    requirePlatformAdmin: (email) => {
      if (!isPlatformAdmin(email)) throw new AppError('not_found');
    },
  };
}
