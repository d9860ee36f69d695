import type { Config } from '../../config.js';

/**
 * Deletes a user in Clerk through its Backend API (used by the account purge). A user Clerk no
 * longer knows counts as deleted, so a purge that is run again after a crash goes on. Does
 * nothing when the deployment does not use Clerk.
 */
export async function deleteClerkUser(config: Config, clerkUserId: string): Promise<void> {
  if (config.CLERK_SECRET_KEY === undefined) return;
  // Loaded on use: only the purge of a Clerk user needs Clerk's Backend API client.
  const [{ createClerkClient }, { isClerkAPIResponseError }] = await Promise.all([
    import('@clerk/backend'),
    import('@clerk/backend/errors'),
  ]);
  const clerk = createClerkClient({
    secretKey: config.CLERK_SECRET_KEY,
    // No usage reports to Clerk: the purge sends Clerk nothing but the deletion itself.
    telemetry: { disabled: true },
    ...(config.CLERK_API_URL === undefined ? {} : { apiUrl: config.CLERK_API_URL }),
  });
  try {
    await clerk.users.deleteUser(clerkUserId);
  } catch (error) {
    if (isClerkAPIResponseError(error) && error.status === 404) return;
    throw error;
  }
}
