import { loadCsvStringify } from '../../platform/documents/load-csv.js';
import { loadPdfDocument } from '../../platform/documents/load-pdfkit.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { listAllActivities } from './activity-repo.js';
import type { Activity } from './activity-schema.js';
import { isWithin } from './cycles.js';
import { describeRenewal, getLicense } from './license-service.js';
import { computeLicenseProgress, type LicenseProgress } from './progress.js';

/** A license's current renewal cycle as a transcript: its CE activities and what they add up to. */
export type Transcript = {
  progress: LicenseProgress & { cycle: NonNullable<LicenseProgress['cycle']> };
  activities: Activity[];
  generatedAt: Date;
};

const FORMAT_LABEL: Record<Activity['format'], string> = {
  'live-in-person': 'Live, in person',
  'live-online': 'Live, online',
  'self-study': 'Self-study',
};

/** The current cycle's activities, oldest first; a license with no known cycle has no transcript (409). */
export async function buildTranscript(
  deps: AppDeps,
  tenantId: string,
  licenseId: string,
): Promise<Transcript> {
  const license = await getLicense(deps, tenantId, licenseId);
  const activities = await listAllActivities(deps.db, tenantId);
  const generatedAt = deps.now();
  const progress = computeLicenseProgress(
    license,
    describeRenewal(license),
    activities,
    generatedAt.toISOString().slice(0, 10),
  );
  const cycle = progress.cycle;
  if (cycle === null)
    throw new AppError(
      'conflict',
      `This license has no known renewal cycle: ${progress.reason ?? 'unknown'}.`,
    );
  return {
    progress: { ...progress, cycle },
    activities: activities
      .filter((activity) => isWithin(activity.completedOn, cycle))
      .sort((a, b) =>
        a.completedOn === b.completedOn ? a.id.localeCompare(b.id) : a.completedOn < b.completedOn ? -1 : 1,
      ),
    generatedAt,
  };
}

export function transcriptFilename(transcript: Transcript, extension: 'csv' | 'pdf'): string {
  const label = transcript.progress.label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `ce-transcript-${label}-${transcript.progress.cycle.endsOn}.${extension}`;
}

const topicsOf = (activity: Activity) => activity.topics.map((t) => `${t.topic}: ${t.hours} h`).join('; ');

/** One row per activity, then the totals, for a spreadsheet or a board's upload form. */
export async function renderTranscriptCsv(transcript: Transcript): Promise<string> {
  const { stringify } = await loadCsvStringify();
  const { progress, activities } = transcript;
  const rows: (string | number)[][] = [
    ['completedOn', 'title', 'provider', 'format', 'hours', 'topics'],
    ...activities.map((a) => [
      a.completedOn,
      a.title,
      a.provider,
      FORMAT_LABEL[a.format],
      a.hours,
      topicsOf(a),
    ]),
    [],
    ['license', progress.label],
    ['cycle', `${progress.cycle.startsOn} to ${progress.cycle.endsOn}`],
    ['hours counted', progress.total.earned],
    ['hours required', progress.total.needed ?? 'unknown'],
    ...progress.topics.map((t) => [`topic: ${t.topic}`, `${t.earned} of ${t.needed ?? 'unknown'} h`]),
  ];
  // Formula-looking text is prefixed so a spreadsheet shows it instead of running it.
  return stringify(
    rows.map((row) =>
      row.map((cell) => (typeof cell === 'string' && /^[=+\-@]/.test(cell) ? `'${cell}` : cell)),
    ),
  );
}

/** The same transcript as a one-column PDF (PDFKit, as the court report). */
export async function renderTranscriptPdf(transcript: Transcript): Promise<PDFKit.PDFDocument> {
  const PDFDocument = await loadPdfDocument();
  const { progress, activities } = transcript;
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    info: {
      Title: `CE transcript — ${progress.label}`,
      Creator: 'Holdfast',
      CreationDate: transcript.generatedAt,
    },
  });
  const width = doc.page.width - 108;
  doc.font('Helvetica-Bold').fontSize(18).text('Continuing-education transcript', { width });
  doc.font('Helvetica').fontSize(12).text(progress.label, { width });
  doc
    .fontSize(10)
    .text(`Renewal cycle ${progress.cycle.startsOn} to ${progress.cycle.endsOn}`, { width })
    .text(`Generated ${transcript.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, { width })
    .moveDown();
  doc.font('Helvetica-Bold').fontSize(12).text(`Activities (${activities.length})`, { width });
  doc.font('Helvetica').fontSize(10);
  if (activities.length === 0) doc.text('No activities in this cycle yet.', { width });
  for (const activity of activities) {
    doc.moveDown(0.4).font('Helvetica-Bold').text(`${activity.completedOn} · ${activity.title}`, { width });
    doc
      .font('Helvetica')
      .text(
        [activity.provider, FORMAT_LABEL[activity.format], `${activity.hours} h`]
          .filter((s) => s !== '')
          .join(' · '),
        { width },
      );
    if (activity.topics.length > 0) doc.text(topicsOf(activity), { width });
  }
  doc.moveDown().font('Helvetica-Bold').fontSize(12).text('Totals', { width });
  doc.font('Helvetica').fontSize(10);
  doc.text(`Hours counted: ${progress.total.earned} of ${progress.total.needed ?? 'unknown'} required`, {
    width,
  });
  for (const topic of progress.topics)
    doc.text(`${topic.topic}: ${topic.earned} of ${topic.needed ?? 'unknown'} h`, { width });
  doc.moveDown().fontSize(8).fillColor('#333333');
  doc.text('Holdfast does the arithmetic; the licensing board’s current rule is what counts.', { width });
  doc.end();
  return doc;
}
