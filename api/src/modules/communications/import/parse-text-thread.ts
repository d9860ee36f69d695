import type { ParsedMessage, ParsedThread, ParseProblem } from './parsed-message.js';

/** Header names as the common co-parenting apps and mail clients print them, by the field they fill. */
const HEADER_FIELDS: Record<string, 'from' | 'to' | 'sentAt' | 'subject' | 'ignored'> = {
  from: 'from',
  sender: 'from',
  to: 'to',
  recipient: 'to',
  recipients: 'to',
  sent: 'sentAt',
  'sent at': 'sentAt',
  date: 'sentAt',
  subject: 'subject',
  'first viewed': 'ignored',
  viewed: 'ignored',
  cc: 'ignored',
};

const HEADER = /^([A-Za-z][A-Za-z ]{0,20}):\s*(.*)$/;
// Lines an export prints between messages: rules of dashes or equals signs, "Message 3 of 12".
const SEPARATOR = /^(?:[-=_*]{3,}|Message \d+ of \d+)$/i;

function headerOf(line: string): { field: (typeof HEADER_FIELDS)[string]; value: string } | undefined {
  const match = HEADER.exec(line.trim());
  if (match === null) return undefined;
  const field = HEADER_FIELDS[(match[1] ?? '').trim().toLowerCase()];
  return field === undefined ? undefined : { field, value: (match[2] ?? '').trim() };
}

/** Whether a message's header block starts at `index`: header lines up to a blank one, with a sender and a date. */
function startsMessage(lines: string[], index: number): boolean {
  const seen = new Set<string>();
  for (let i = index; i < lines.length; i += 1) {
    const header = headerOf(lines[i] ?? '');
    if (header === undefined) break;
    seen.add(header.field);
  }
  return seen.has('from') && seen.has('sentAt');
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start += 1;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end -= 1;
  return lines.slice(start, end);
}

/** The lines without surrounding blank lines or the separator printed before the next message. */
function withoutTrailingSeparators(lines: string[]): string[] {
  let kept = trimBlankLines(lines);
  while (kept.length > 0 && SEPARATOR.test((kept[kept.length - 1] ?? '').trim()))
    kept = trimBlankLines(kept.slice(0, -1));
  return kept;
}

/**
 * Reads a thread exported as text: each message a block of headers (From, To, Sent or Date,
 * Subject; the names OurFamilyWizard, TalkingParents and mail clients print), then its words. A
 * message ends where the next header block starts after a blank line or a separator line, so a
 * body may hold any text, blank lines included.
 */
export function parseTextThread(text: string): ParsedThread {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const messages: ParsedMessage[] = [];
  const problems: ParseProblem[] = [];
  let i = 0;
  // Anything before the first message (a title, the export's own heading) is not a message.
  while (i < lines.length && !startsMessage(lines, i)) i += 1;
  while (i < lines.length) {
    const start = i;
    const fields = { from: '', to: '', sentAt: '', subject: '' };
    for (let header = headerOf(lines[i] ?? ''); header !== undefined; header = headerOf(lines[i] ?? '')) {
      if (header.field !== 'ignored') fields[header.field] = header.value;
      i += 1;
    }
    const bodyStart = i;
    while (i < lines.length) {
      const previous = (lines[i - 1] ?? '').trim();
      const isBoundary = previous === '' || SEPARATOR.test(previous);
      if (i > bodyStart && isBoundary && startsMessage(lines, i)) break;
      i += 1;
    }
    const body = withoutTrailingSeparators(lines.slice(bodyStart, i)).join('\n');
    if (body.trim() === '') problems.push({ line: start + 1, message: 'the message has no text' });
    else
      messages.push({
        ...fields,
        body,
        original: withoutTrailingSeparators(lines.slice(start, i)).join('\n'),
        line: start + 1,
      });
  }
  return { messages, problems };
}
