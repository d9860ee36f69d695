/**
 * Waits before retrying a write that lost a race, for a random time up to a ceiling that doubles
 * with each attempt ("full jitter"): writers that collided once spread out instead of colliding
 * again in step.
 */
export async function waitBeforeRetry(attempt: number, baseMs = 5, capMs = 250): Promise<void> {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
