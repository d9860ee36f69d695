import { withholdLocations } from '../../../platform/safety/safety-mode.js';
import type { TenantContext } from '../../../platform/auth/principal.js';
import { toActor } from '../../../platform/auth/principal.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { getWorkspace } from '../../workspaces/service.js';
import { listAttachments } from '../../vault/service.js';
import { incidentAttachable } from '../attachable.js';
import { IncidentSchema } from '../schema.js';
import { listIncidentsForReport } from '../service.js';
import { renderIncidentReport, type ReportInput } from './render-report.js';
import type { ReportMessage } from './render-messages.js';
import type { MessageSources } from '../messages.js';
import { callerHolds } from '../../../platform/tenancy/caller-permissions.js';

/** An export of the person's data, as the privacy module lists it (newest first). */
type SignedExport = {
  id: string;
  status: string;
  createdAt: string;
  expiresAt?: string;
  manifestSha256?: string;
};

/**
 * What the report reads from the privacy module, handed in when the app registers the route:
 * privacy already reads the journal for the export, so the journal does not import it back.
 */
export type ReportSources = {
  /** The person's recent exports, newest first. */
  listExports: (deps: AppDeps, userId: string) => Promise<SignedExport[]>;
} & MessageSources;

/** The most incidents one report holds; a longer range is refused with a clear message. */
export const REPORT_MAX_INCIDENTS = 1000;

/** The most messages one report holds; a longer range is refused like one with too many incidents. */
export const REPORT_MAX_MESSAGES = 1000;

/**
 * The messages of the report's range, oldest first, for a reader who may read messages (a
 * professional given incidents only gets a report without them).
 */
async function readReportMessages(
  deps: AppDeps,
  sources: ReportSources,
  tenant: TenantContext,
  range: { from?: string; to?: string },
): Promise<ReportMessage[] | undefined> {
  if (!callerHolds(tenant, 'communications:read')) return undefined;
  const { items, isTruncated } = await sources.listMessages(
    deps,
    tenant.tenantId,
    range,
    REPORT_MAX_MESSAGES,
  );
  if (isTruncated)
    throw new AppError(
      'validation_failed',
      `This range holds more than ${REPORT_MAX_MESSAGES} messages. Choose a shorter range.`,
      { errors: [{ field: 'from', message: `the range holds more than ${REPORT_MAX_MESSAGES} messages` }] },
    );
  return [...items].reverse();
}

/** The signed export a report refers to: the one asked for, or the person's newest ready one. */
async function findExport(
  deps: AppDeps,
  sources: ReportSources,
  tenant: TenantContext,
  exportId: string | undefined,
): Promise<ReportInput['export']> {
  if (tenant.principal.type !== 'user') {
    // Exports belong to people; an API key has none to refer to, so asking for one is an error.
    if (exportId === undefined) return undefined;
    throw new AppError('validation_failed', 'Exports belong to people; an API key cannot refer to one.', {
      errors: [{ field: 'exportId', message: 'is not available with an API key' }],
    });
  }
  const now = deps.now().getTime();
  const ready = (await sources.listExports(deps, tenant.principal.userId)).filter(
    (item) =>
      item.status === 'ready' && item.manifestSha256 !== undefined && Date.parse(item.expiresAt ?? '') > now,
  );
  const chosen = exportId === undefined ? ready[0] : ready.find((item) => item.id === exportId);
  if (exportId !== undefined && chosen === undefined)
    throw new AppError('validation_failed', 'That export is not one of your ready exports.', {
      errors: [{ field: 'exportId', message: 'is not a ready export of yours' }],
    });
  return chosen === undefined
    ? undefined
    : { id: chosen.id, createdAt: chosen.createdAt, manifestSha256: chosen.manifestSha256 ?? '' };
}

/** Gathers the incidents of a range with their attachments and renders the court-ready PDF. */
export async function buildIncidentReport(
  deps: AppDeps,
  sources: ReportSources,
  tenant: TenantContext,
  query: { from?: string; to?: string; exportId?: string },
): Promise<{ pdf: PDFKit.PDFDocument; filename: string }> {
  // Checked first, so a bad export id costs no incident reads.
  const exported = await findExport(deps, sources, tenant, query.exportId);
  const range = {
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
  };
  const incidents = await listIncidentsForReport(deps, tenant.tenantId, range, REPORT_MAX_INCIDENTS);
  const storedMessages = await readReportMessages(deps, sources, tenant, range);
  const attachables = { incident: incidentAttachable(deps) };
  const workspace = await getWorkspace(deps, tenant.tenantId, tenant.role);
  const withAttachments = [];
  for (const stored of incidents) {
    // A court report leaves the app: in safety mode it withholds locations, for owners too (P-SAFE-1).
    const incident = workspace.safetyMode ? withholdLocations(IncidentSchema, stored) : stored;
    const attachments = await listAttachments(deps, attachables, tenant.tenantId, 'incident', incident.id);
    withAttachments.push({
      incident,
      attachments: attachments.map(({ document }) => ({
        title: document.title,
        filename: document.filename,
        sha256: document.sha256,
      })),
    });
  }
  // Messages carry no location today; passing them through the same rule keeps any added later withheld.
  const messages = workspace.safetyMode
    ? storedMessages?.map((message) => withholdLocations(sources.messageSchema, message))
    : storedMessages;
  const generatedAt = deps.now();
  const pdf = await renderIncidentReport({
    workspaceName: workspace.name,
    range,
    generatedAt,
    generatedBy: toActor(tenant.principal).label,
    ...(exported === undefined ? {} : { export: exported }),
    incidents: withAttachments,
    ...(messages === undefined ? {} : { messages }),
  });
  return { pdf, filename: `incident-report-${generatedAt.toISOString().slice(0, 10)}.pdf` };
}
