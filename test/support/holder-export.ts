import type { FastifyInstance } from 'fastify';
import type { DataHolder } from '@holdfast/api/platform/privacy/data-holders';

/**
 * The rows one data holder exports for a workspace, by table name, as its owner sees them: what the
 * person's export ZIP holds as `<workspace>/<name>.json`, read without building the archive, so it
 * still answers (with empty tables) after the person's account is purged.
 */
export async function exportHolderRows(
  app: FastifyInstance,
  holder: DataHolder,
  session: { workspaceId: string; userId: string },
): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  const scope = {
    tenantId: session.workspaceId,
    userId: session.userId,
    role: 'owner' as const,
    workspaceName: 'Test',
  };
  for (const table of holder.exportWorkspace?.(app.deps, scope) ?? []) {
    rows[table.name] = [];
    for await (const row of table.rows()) rows[table.name]?.push(row);
  }
  return rows;
}
