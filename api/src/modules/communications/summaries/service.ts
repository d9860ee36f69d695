import { NOT_CONFIGURED_DETAIL } from '../../../platform/ai/ai-client.js';
import { commitWithAudit } from '../../../platform/audit/audit-log.js';
import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import { createId } from '../../../platform/db/ids.js';
import { explainFailedCondition, writeVersioned } from '../../../platform/db/versioned-update.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { getIncident, listIncidentsForReport } from '../../journal/service.js';
import type { Incident } from '../../journal/schema.js';
import { withAiQuota } from '../ai-quota.js';
import type { Communication } from '../schema.js';
import { getCommunication as getCommunicationRecord } from '../repo.js';
import { listCommunicationsInRange } from '../service.js';
import { SUMMARY_PROMPT } from '../prompts/summary-v1.js';
import * as repo from './repo.js';
import {
  SummaryAnswerSchema,
  type Citation,
  type Summary,
  type SummaryInput,
  type SummaryListQuery,
  type SummaryRange,
  type SummarySuggestion,
} from './schema.js';
import { buildSummarySources, checkCitations } from './sources.js';

/** A period longer than this is refused: a summary a lawyer reads covers weeks or months. */
const MAX_RANGE_DAYS = 366;
/** Records of each kind one summary may rest on. */
const MAX_RECORDS = 200;
/** The provider's input is bounded too; a period past it is refused before any call. */
const MAX_INPUT_CHARS = 200_000;
/** Provider answers tried before giving up when none of the sentences rests on a record. */
const ATTEMPTS = 2;

function rangeError(message: string): AppError {
  return new AppError('validation_failed', `Check the period: ${message}.`, {
    errors: [{ field: 'from', message }],
  });
}

function assertRange(range: SummaryRange, options: { isEmptyAllowed?: boolean } = {}): void {
  const span = Date.parse(range.to) - Date.parse(range.from);
  if (span < 0 || (span === 0 && options.isEmptyAllowed !== true))
    throw rangeError('"from" must be before "to"');
  if (span > MAX_RANGE_DAYS * 86_400_000)
    throw rangeError(`the period may span at most ${MAX_RANGE_DAYS} days`);
}

async function recordsOf(
  deps: AppDeps,
  tenantId: string,
  range: SummaryRange,
): Promise<{ incidents: Incident[]; communications: Communication[] }> {
  assertRange(range);
  const [incidents, communications] = await Promise.all([
    listIncidentsForReport(deps, tenantId, range, MAX_RECORDS),
    listCommunicationsInRange(deps, tenantId, range, MAX_RECORDS),
  ]);
  return { incidents, communications };
}

/**
 * Suggests a neutral summary of a period's incidents and messages. Each sentence cites the records
 * it rests on; a sentence citing nothing, or a record that was not sent, is left out and listed as
 * unsupported. Nothing is saved (P-AI-2): the person reviews, edits and saves it.
 */
export async function suggestSummary(
  deps: AppDeps,
  tenantId: string,
  range: SummaryRange,
  signal?: AbortSignal,
): Promise<SummarySuggestion> {
  // Said first, whatever the period holds: AI is off on this server (P-AI-3).
  if (!deps.ai.isConfigured()) throw new AppError('ai_not_configured', NOT_CONFIGURED_DETAIL);
  const { incidents, communications } = await recordsOf(deps, tenantId, range);
  if (incidents.length === 0 && communications.length === 0)
    throw rangeError('nothing was logged in this period, so there is nothing to summarise');
  const sources = buildSummarySources(range, incidents, communications);
  if (sources.input.length > MAX_INPUT_CHARS)
    throw rangeError('this period holds too much text; choose a shorter one');
  return withAiQuota(deps, tenantId, async () => {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const result = await deps.ai.generate({
        task: 'summary',
        instructions: SUMMARY_PROMPT.instructions,
        input: sources.input,
        formatName: 'cited_summary',
        schema: SummaryAnswerSchema,
        maxOutputTokens: 6000,
        ...(signal === undefined ? {} : { signal }),
      });
      const checked = checkCitations(result.value, sources.byRef);
      if (checked.sentences.length > 0)
        return {
          from: range.from,
          to: range.to,
          ...checked,
          sourceCounts: { incidents: incidents.length, communications: communications.length },
          promptVersion: SUMMARY_PROMPT.version,
          aiProvider: result.provider,
          model: result.model,
        };
    }
    // Not one sentence rested on the record: that is no summary to show.
    throw new AppError('ai_bad_output');
  });
}

/** Distinct records one saved summary may cite; each is checked to exist before saving. */
const MAX_CITED_RECORDS = 100;

/** Whether a cited record is a live record of this workspace. */
async function isLiveRecord(deps: AppDeps, tenantId: string, citation: Citation): Promise<boolean> {
  if (citation.recordType === 'communication')
    return (await getCommunicationRecord(deps.db, tenantId, citation.recordId)) !== undefined;
  try {
    return (await getIncident(deps, tenantId, citation.recordId)).deletedAt === undefined;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return false;
    throw error;
  }
}

const citationKey = (citation: Citation) => `${citation.recordType}#${citation.recordId}`;

/**
 * Saves a summary the person reviewed and edited. Every citation must still be a live record of
 * this workspace, so an edited summary cannot point at something invented or deleted. Marked
 * AI-assisted and reviewed by the person; audit-logged without its words.
 */
export async function saveSummary(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: SummaryInput,
): Promise<Summary> {
  assertRange(input, { isEmptyAllowed: true });
  const sentences = input.sentences.map((sentence) => ({
    text: sentence.text.trim(),
    citations: [...new Map(sentence.citations.map((citation) => [citationKey(citation), citation])).values()],
  }));
  const cited = [...new Map(sentences.flatMap((s) => s.citations).map((c) => [citationKey(c), c])).values()];
  if (cited.length > MAX_CITED_RECORDS)
    throw new AppError('validation_failed', `A summary may cite at most ${MAX_CITED_RECORDS} records.`, {
      errors: [{ field: 'sentences', message: `cites more than ${MAX_CITED_RECORDS} records` }],
    });
  const live = new Set<string>();
  await Promise.all(
    cited.map(async (citation) => {
      if (await isLiveRecord(deps, tenantId, citation)) live.add(citationKey(citation));
    }),
  );
  const errors = sentences.flatMap((sentence, index) =>
    sentence.citations
      .filter((citation) => !live.has(citationKey(citation)))
      .map(() => ({
        field: `sentences/${String(index)}/citations`,
        message: 'cites a record that does not exist',
      })),
  );
  if (errors.length > 0)
    throw new AppError('validation_failed', 'Every citation must be a record of this workspace.', { errors });
  const summary: Summary = {
    id: createId(),
    from: input.from,
    to: input.to,
    sentences,
    promptVersion: input.promptVersion,
    aiProvider: input.aiProvider,
    model: input.model,
    isAiAssisted: true,
    reviewedBy: actor.id,
    createdAt: deps.now().toISOString(),
    version: 1,
  };
  await commitWithAudit(
    deps.db,
    tenantId,
    [repo.buildPutSummary(deps.db, tenantId, summary)],
    {
      actor,
      action: 'summary.created',
      target: { type: 'summary', id: summary.id },
      details: { promptVersion: summary.promptVersion, sentences: summary.sentences.length },
    },
    deps.now,
  );
  return summary;
}

export async function getSummary(deps: AppDeps, tenantId: string, summaryId: string): Promise<Summary> {
  const summary = await repo.getSummary(deps.db, tenantId, summaryId);
  if (summary === undefined) throw new AppError('not_found');
  return summary;
}

export async function listSummaries(
  deps: AppDeps,
  tenantId: string,
  query: SummaryListQuery,
): Promise<{ items: Summary[]; nextCursor?: string }> {
  const queryKey = 'summaries';
  const startKey = deps.cursors.decode(tenantId, queryKey, query.cursor);
  const page = await repo.querySummaries(deps.db, tenantId, {
    limit: query.limit ?? 20,
    ...(startKey === undefined ? {} : { startKey }),
  });
  const nextCursor = deps.cursors.encode(tenantId, queryKey, page.lastKey);
  return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

export async function deleteSummary(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  summaryId: string,
): Promise<void> {
  const current = await getSummary(deps, tenantId, summaryId);
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [repo.buildDeleteSummary(deps.db, tenantId, summaryId, current.version)],
        { actor, action: 'summary.deleted', target: { type: 'summary', id: summaryId } },
        deps.now,
      ),
    async () => explainFailedCondition(await repo.getSummary(deps.db, tenantId, summaryId), 'summary', false),
  );
}
