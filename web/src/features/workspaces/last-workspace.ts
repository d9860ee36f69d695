/** The last workspace a user opened on this device, per user, so "/" returns to it. */
const key = (userId: string) => `holdfast.lastWorkspace.${userId}`;

/** Remembers the workspace `userId` has open. */
export function rememberWorkspace(userId: string, workspaceId: string): void {
  try {
    window.localStorage.setItem(key(userId), workspaceId);
  } catch {
    // Storage unavailable: "/" then opens the first workspace.
  }
}

/** The workspace `userId` last opened on this device, if any. */
export function recallWorkspace(userId: string): string | undefined {
  try {
    return window.localStorage.getItem(key(userId)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the remembered workspace (after losing access to it). */
export function forgetWorkspace(userId: string): void {
  try {
    window.localStorage.removeItem(key(userId));
  } catch {
    // Nothing to forget.
  }
}
