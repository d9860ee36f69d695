import { Readable } from 'node:stream';
import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import type { AppDeps } from '../../../platform/deps.js';
import * as vault from '../../vault/service.js';
import type { ImportInput } from './schema.js';

/** The tag every kept export carries in the vault, so a person can find them together. */
const ORIGINAL_TAG = 'imported-thread';

const DEFAULT_FILENAMES: Record<ImportInput['format'], string> = {
  text: 'message-thread.txt',
  csv: 'message-thread.csv',
  eml: 'message.eml',
};

/**
 * Keeps the export's original bytes (the text exactly as given, UTF-8) as a vault document, the
 * way any upload is kept: typed, fingerprinted, counted against the quota. The import's own writes
 * are committed in the document's transaction (`alongside`), so the messages never exist without
 * the file they came from, nor the file without them.
 */
export async function keepOriginal(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: ImportInput,
  messageCount: number,
  alongside: vault.CommittedAlongside,
): Promise<void> {
  const bytes = Buffer.from(input.text, 'utf8');
  await vault.uploadDocument(
    deps,
    tenantId,
    actor,
    {
      filename: input.filename?.trim() ?? DEFAULT_FILENAMES[input.format],
      title: `Imported message thread (${messageCount} message${messageCount === 1 ? '' : 's'})`,
      description: 'The export as imported into the communication log; each message links to it.',
      category: 'other',
      tags: [ORIGINAL_TAG],
    },
    Readable.from([bytes]),
    bytes.length,
    alongside,
  );
}
