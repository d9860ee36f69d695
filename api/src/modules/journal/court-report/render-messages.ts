import type { JournalMessage } from '../messages.js';

/** The messages section of the court report, laid out after the incidents. */
export type ReportMessage = JournalMessage;

const CHANNEL_LABELS: Record<JournalMessage['channel'], string> = {
  'app-message': 'App message',
  text: 'Text message',
  email: 'Email',
  call: 'Call',
  'in-person': 'In person',
  other: 'Other',
};

/**
 * Writes the messages of the period, oldest first. A received message is printed exactly as it was
 * logged (it is evidence; the log never lets it change), with any notes added beside it after.
 * `formatInZone` and `formatUtc` are the report's own formats, so both sections read alike.
 */
export function writeMessagesSection(
  doc: PDFKit.PDFDocument,
  messages: ReportMessage[],
  formats: { inZone: (iso: string, timeZone: string) => string; utc: (date: Date) => string },
  layout: { width: number; bottomLimit: () => number },
): void {
  const { width } = layout;
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(16).text('Messages', { width });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#333333')
    .text(
      `${messages.length} message(s), oldest first. Received messages are reproduced exactly as they were logged; a correction is shown as a note beside the message.`,
      { width },
    )
    .fillColor('black')
    .moveDown(1);
  if (messages.length === 0) doc.fontSize(11).text('No messages were logged in this range.', { width });

  messages.forEach((message, index) => {
    if (doc.y > layout.bottomLimit()) doc.addPage();
    const who =
      message.direction === 'received' ? `From ${message.counterpart}` : `To ${message.counterpart}`;
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(`M${index + 1}. ${formats.inZone(message.occurredAt, message.timeZone)}`, { width });
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(
        `${message.direction === 'received' ? 'Received' : 'Sent'} · ${CHANNEL_LABELS[message.channel]} · ${who}`,
        {
          width,
        },
      );
    if (message.subject !== '') doc.font('Helvetica-Bold').text(`Subject: ${message.subject}`, { width });
    doc.font('Helvetica').moveDown(0.3).text(message.content, { width, align: 'left' });
    for (const note of message.notes)
      doc
        .moveDown(0.3)
        .fontSize(9)
        .font('Helvetica-Oblique')
        .text(`Note added ${formats.utc(new Date(note.at))}: ${note.text}`, { width })
        .font('Helvetica')
        .fontSize(10);
    doc
      .moveDown(0.3)
      .fontSize(8)
      .fillColor('#555555')
      .text(
        `Logged ${formats.utc(new Date(message.createdAt))}; last changed ${formats.utc(new Date(message.updatedAt))} (version ${message.version}); id ${message.id}`,
        { width },
      )
      .fillColor('black')
      .moveDown(1);
  });
}
