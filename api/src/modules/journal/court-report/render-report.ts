import { loadPdfDocument } from '../../../platform/documents/load-pdfkit.js';
import type { Incident } from '../schema.js';
import { writeMessagesSection, type ReportMessage } from './render-messages.js';

export type ReportAttachment = { title: string; filename: string; sha256: string };

export type ReportInput = {
  workspaceName: string;
  range: { from?: string; to?: string };
  generatedAt: Date;
  generatedBy: string;
  /** The signed export these records can be checked against, if the person has one. */
  export?: { id: string; createdAt: string; manifestSha256: string };
  incidents: { incident: Incident; attachments: ReportAttachment[] }[];
  /** The messages of the range, oldest first; left out for a reader who may not read messages. */
  messages?: ReportMessage[];
};

const MARGIN = 54;
const FOOTER_HEIGHT = 30;

function titleCase(slug: string): string {
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An instant in the zone it was recorded in, with the zone named (court readers need both). */
export function formatInZone(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
  return `${text} (${timeZone})`;
}

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function describeRange(range: ReportInput['range']): string {
  const day = (iso: string) => iso.slice(0, 10);
  if (range.from === undefined && range.to === undefined) return 'All dates';
  if (range.from === undefined) return `Up to ${day(range.to ?? '')}`;
  if (range.to === undefined) return `From ${day(range.from)}`;
  return `${day(range.from)} to ${day(range.to)}`;
}

/**
 * A court-ready PDF of incidents (and the messages of the period, when given): chronological, each with every field, attachments listed by
 * SHA-256 fingerprint, and on every page the generation time, the signed export's manifest hash
 * and "page n of N". Returns the document as a stream (pages are numbered once all are laid out).
 */
export async function renderIncidentReport(input: ReportInput): Promise<PDFKit.PDFDocument> {
  const PDFDocument = await loadPdfDocument();
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_HEIGHT },
    bufferPages: true,
    info: {
      Title: `Incident report — ${input.workspaceName}`,
      Author: input.generatedBy,
      Creator: 'Holdfast',
      CreationDate: input.generatedAt,
    },
  });
  const width = doc.page.width - MARGIN * 2;

  doc.font('Helvetica-Bold').fontSize(18).text('Incident report', { width });
  doc.font('Helvetica').fontSize(12).text(input.workspaceName, { width });
  doc.moveDown(0.5).fontSize(9).fillColor('#333333');
  doc.text(`Dates: ${describeRange(input.range)} · ${input.incidents.length} incident(s), oldest first`, {
    width,
  });
  if (input.messages !== undefined)
    doc.text(`${input.messages.length} message(s), oldest first, after the incidents`, { width });
  doc.text(`Generated ${formatUtc(input.generatedAt)} by ${input.generatedBy}`, { width });
  doc.text(
    input.export === undefined
      ? 'No signed export referenced. Create an export to get a signed, verifiable copy of these records.'
      : `Signed export ${input.export.id} of ${formatUtc(new Date(input.export.createdAt))}; manifest SHA-256 ${input.export.manifestSha256}. ` +
          'Its records and files can be checked offline with the Holdfast verifier; records made after that export are not in it.',
    { width },
  );
  doc.fillColor('black').moveDown(1);

  if (input.incidents.length === 0)
    doc.fontSize(11).text('No incidents were recorded in this range.', { width });

  input.incidents.forEach(({ incident, attachments }, index) => {
    if (doc.y > doc.page.height - MARGIN - FOOTER_HEIGHT - 120) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(`${index + 1}. ${formatInZone(incident.occurredAt, incident.timeZone)}`, { width });
    doc.font('Helvetica').fontSize(10);
    const field = (label: string, value: string) => {
      if (value === '') return;
      doc
        .font('Helvetica-Bold')
        .text(`${label}: `, { continued: true, width })
        .font('Helvetica')
        .text(value, { width });
    };
    field('Category', titleCase(incident.category));
    field('Location', incident.location);
    field('People involved', incident.peopleInvolved.join(', '));
    field('Children present', incident.childrenPresent.join(', '));
    field('Witnesses', incident.witnesses.join(', '));
    field('Tags', incident.tags.join(', '));
    field('Follow-up needed', incident.followUpNeeded ? 'Yes' : 'No');
    doc.moveDown(0.3).text(incident.narrative, { width, align: 'left' });
    if (attachments.length > 0) {
      doc.moveDown(0.3).font('Helvetica-Bold').text('Attachments', { width }).font('Helvetica').fontSize(9);
      for (const attachment of attachments)
        doc.text(`• ${attachment.title} (${attachment.filename}) — SHA-256 ${attachment.sha256}`, { width });
      doc.fontSize(10);
    }
    doc
      .moveDown(0.3)
      .fontSize(8)
      .fillColor('#555555')
      .text(
        `Recorded ${formatUtc(new Date(incident.createdAt))}; last corrected ${formatUtc(new Date(incident.updatedAt))} (version ${incident.version}); id ${incident.id}`,
        { width },
      )
      .fillColor('black')
      .moveDown(1);
  });

  if (input.messages !== undefined)
    writeMessagesSection(
      doc,
      input.messages,
      { inZone: formatInZone, utc: formatUtc },
      { width, bottomLimit: () => doc.page.height - MARGIN - FOOTER_HEIGHT - 120 },
    );

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    const y = doc.page.height - MARGIN - FOOTER_HEIGHT + 10;
    // Writing inside the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(7).fillColor('#555555');
    doc.text(
      `Generated ${formatUtc(input.generatedAt)} · Export manifest SHA-256: ${input.export?.manifestSha256 ?? 'none'}`,
      MARGIN,
      y,
      { width: width - 70, lineBreak: true },
    );
    doc.text(`Page ${i + 1} of ${range.count}`, MARGIN + width - 70, y, { width: 70, align: 'right' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return doc;
}
