import { createHash } from 'node:crypto';
import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import { createId } from '../../../platform/db/ids.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { assertTimeZone } from '../../../platform/time-zone.js';
import { AlongsideConditionFailed } from '../../vault/service.js';
import * as repo from '../repo.js';
import type { Communication } from '../schema.js';
import { buildRecordImportedThread, getImportedThread } from './imported-thread-repo.js';
import { keepOriginal } from './keep-original.js';
import { toInstant } from './local-time.js';
import { parseCsvThread } from './parse-csv-thread.js';
import { parseEmlMessage } from './parse-eml-message.js';
import type { ParseProblem } from './parsed-message.js';
import { parseTextThread } from './parse-text-thread.js';
import { MAX_IMPORT_MESSAGES, type ImportedMessage, type ImportInput, type ImportPreview } from './schema.js';

/** The most problems one answer lists; the person fixes those and tries again. */
const MAX_PROBLEMS = 20;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function isSamePerson(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Reads an exported thread into the messages it would log, without saving anything: each message's
 * time in its own zone, whether the person sent or received it, and its fingerprint. What cannot be
 * read is listed by line (never quoted, so no content reaches an error or a log).
 */
export async function previewImport(input: ImportInput): Promise<ImportPreview> {
  assertTimeZone(input.timeZone);
  const parsed =
    input.format === 'csv'
      ? await parseCsvThread(input.text)
      : input.format === 'eml'
        ? await parseEmlMessage(input.text)
        : parseTextThread(input.text);
  const problems: ParseProblem[] = [...parsed.problems];
  const messages: ImportedMessage[] = [];
  for (const message of parsed.messages) {
    const occurredAt = toInstant(message.sentAt, input.timeZone);
    if (occurredAt === undefined) {
      problems.push({
        line: message.line,
        message: 'the date is not one Holdfast reads (e.g. 10/03/2026 5:30 PM or 2026-10-03 17:30)',
      });
      continue;
    }
    if (message.from === '') {
      problems.push({ line: message.line, message: 'the message names no sender' });
      continue;
    }
    const isSent = isSamePerson(message.from, input.yourName);
    const counterpart = (isSent ? message.to : message.from).slice(0, 120).trim();
    messages.push({
      line: message.line,
      occurredAt,
      direction: isSent ? 'sent' : 'received',
      counterpart: counterpart === '' ? 'Other parent' : counterpart,
      subject: message.subject.slice(0, 300),
      content: message.body,
      sha256: sha256(message.original),
    });
  }
  if (messages.length === 0 && problems.length === 0)
    problems.push({ line: 1, message: 'no message was found: check the format chosen' });
  if (messages.length > MAX_IMPORT_MESSAGES)
    problems.push({
      line: 1,
      message: `the export holds ${messages.length} messages; import at most ${MAX_IMPORT_MESSAGES} at a time`,
    });
  for (const message of messages)
    if (message.content.length > 50_000)
      problems.push({ line: message.line, message: 'the message is longer than 50,000 characters' });
  problems.sort((a, b) => a.line - b.line);
  return { messages, problems: problems.slice(0, MAX_PROBLEMS), threadSha256: sha256(input.text) };
}

/** The preview, saying also whether this same export was imported into the workspace before. */
export async function previewImportInto(
  deps: AppDeps,
  tenantId: string,
  input: ImportInput,
): Promise<ImportPreview> {
  const preview = await previewImport(input);
  const earlier = await getImportedThread(deps.db, tenantId, preview.threadSha256);
  return earlier === undefined
    ? preview
    : {
        ...preview,
        alreadyImportedAt: earlier.importedAt,
        alreadyImportedFirstMessageId: earlier.firstMessageId,
      };
}

/** The 409 naming the earlier import of the thread (read after the conditional write refused this one). */
async function alreadyImportedError(
  deps: AppDeps,
  tenantId: string,
  threadSha256: string,
): Promise<AppError> {
  const earlier = await getImportedThread(deps.db, tenantId, threadSha256);
  const importedAt = earlier?.importedAt ?? '';
  return new AppError(
    'thread_already_imported',
    `This thread was imported on ${importedAt}. Nothing was logged again; to log it once more, import it again on purpose.`,
    { earlierImport: { importedAt, firstMessageId: earlier?.firstMessageId ?? '' } },
  );
}

/**
 * Logs every message of an exported thread in one transaction with its audit entry, together with
 * the export's original bytes kept in the vault (each message links to that document and carries
 * its own fingerprint): all are saved or none is. An export with any problem is refused whole (400 naming the lines), so a person never
 * finds half a thread in their log. Received messages are kept verbatim, like any received message.
 */
export async function importThread(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: ImportInput,
): Promise<{ items: Communication[]; threadSha256: string }> {
  const preview = await previewImport(input);
  if (preview.problems.length > 0)
    throw new AppError('validation_failed', 'Nothing was imported: some messages could not be read.', {
      errors: preview.problems.map((problem) => ({
        field: 'text',
        message: `line ${problem.line}: ${problem.message}`,
      })),
    });
  const isRepeat = input.importAgain === true;
  // Checked first so a repeat is refused before its bytes are stored; the conditional write of
  // the fingerprint below is what holds when two imports race past this check.
  if (!isRepeat && (await getImportedThread(deps.db, tenantId, preview.threadSha256)) !== undefined)
    throw await alreadyImportedError(deps, tenantId, preview.threadSha256);
  const now = deps.now().toISOString();
  let items: Communication[] = [];
  try {
    await keepOriginal(deps, tenantId, actor, input, preview.messages.length, (original) => {
      items = preview.messages.map((message) => ({
        id: createId(),
        occurredAt: message.occurredAt,
        timeZone: input.timeZone,
        channel: input.channel ?? 'app-message',
        direction: message.direction,
        counterpart: message.counterpart,
        subject: message.subject.trim(),
        content: message.content,
        linkedIncidentIds: [],
        notes: [],
        importedFrom: { format: input.format, threadSha256: preview.threadSha256, sha256: message.sha256 },
        originalDocumentId: original.id,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.id,
        version: 1,
      }));
      // The thread's fingerprint item is written in the same transaction, conditional on no
      // earlier import: of two imports of the same export at once, exactly one is logged.
      const fingerprint = buildRecordImportedThread(
        deps.db,
        tenantId,
        {
          threadSha256: preview.threadSha256,
          format: input.format,
          at: now,
          firstMessageId: items[0]?.id ?? '',
        },
        isRepeat,
      );
      return {
        operations: [
          ...items.map((item) => repo.buildPutCommunication(deps.db, tenantId, item)),
          fingerprint,
        ],
        event: {
          actor,
          action: 'communication.imported',
          // The first message names the import; every message it logged is listed (ids only, no content).
          target: { type: 'communication', id: items[0]?.id ?? '' },
          details: {
            count: items.length,
            format: input.format,
            ids: items.map((item) => item.id),
            ...(isRepeat ? { importedAgain: true } : {}),
          },
        },
      };
    });
  } catch (error) {
    if (error instanceof AlongsideConditionFailed && error.failedIndexes.includes(items.length))
      throw await alreadyImportedError(deps, tenantId, preview.threadSha256);
    throw error;
  }
  return { items, threadSha256: preview.threadSha256 };
}
