import { loadCsvParse } from '../../../platform/documents/load-csv.js';
import type { ParsedMessage, ParsedThread } from './parsed-message.js';

/** Column names an exported thread may use (lower-cased), by the field they fill; the first present wins. */
const COLUMNS = {
  sentAt: ['sent', 'sent at', 'date sent', 'sent date', 'date', 'timestamp', 'date/time', 'datetime'],
  time: ['time', 'sent time'],
  from: ['from', 'sender', 'author', 'sent by'],
  to: ['to', 'recipient', 'recipients', 'sent to'],
  subject: ['subject', 'title'],
  body: ['message', 'body', 'content', 'text', 'message body'],
} as const;

type RawRecord = { record: string[]; raw: string; info: { lines: number } };

function isRawRecord(value: unknown): value is RawRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { record, raw, info } = value as Partial<Record<keyof RawRecord, unknown>>;
  return (
    Array.isArray(record) &&
    record.every((cell) => typeof cell === 'string') &&
    typeof raw === 'string' &&
    typeof info === 'object' &&
    info !== null &&
    typeof (info as { lines?: unknown }).lines === 'number'
  );
}

function pick(header: string[], names: readonly string[]): number {
  for (const name of names) {
    const index = header.indexOf(name);
    if (index >= 0) return index;
  }
  return -1;
}

/**
 * Reads a thread exported as CSV with a header row (TalkingParents' and most apps' spreadsheet
 * export): a date column (with an optional separate time column), sender, recipient, subject and
 * message. Quoted fields may span lines; each message's fingerprint is taken of its own CSV record.
 */
export async function parseCsvThread(text: string): Promise<ParsedThread> {
  const { parse } = await loadCsvParse();
  let records: RawRecord[];
  try {
    // With `raw` and `info` each record comes with its own text and line count, which the
    // library's types do not describe: the shape is checked instead.
    // Line endings are not content; read as \n, the library also counts lines the way an editor does.
    const parsed: unknown = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      raw: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
    records = Array.isArray(parsed) ? parsed.filter(isRawRecord) : [];
  } catch (error) {
    const line =
      typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1;
    return { messages: [], problems: [{ line, message: 'the CSV is malformed (check its quotes)' }] };
  }
  const [headerRecord, ...rows] = records;
  if (headerRecord === undefined)
    return { messages: [], problems: [{ line: 1, message: 'the CSV is empty' }] };
  const header = headerRecord.record.map((name) => name.trim().toLowerCase());
  const column = {
    sentAt: pick(header, COLUMNS.sentAt),
    time: pick(header, COLUMNS.time),
    from: pick(header, COLUMNS.from),
    to: pick(header, COLUMNS.to),
    subject: pick(header, COLUMNS.subject),
    body: pick(header, COLUMNS.body),
  };
  const missing = (['sentAt', 'from', 'body'] as const).filter((field) => column[field] < 0);
  if (missing.length > 0)
    return {
      messages: [],
      problems: [
        {
          line: 1,
          message: `the header row has no ${missing.map((field) => ({ sentAt: 'date', from: 'sender', body: 'message' })[field]).join(', ')} column`,
        },
      ],
    };
  const messages: ParsedMessage[] = [];
  const problems: ParsedThread['problems'] = [];
  let line = headerRecord.info.lines + 1;
  for (const { record, raw, info } of rows) {
    const cell = (index: number) => (index < 0 ? '' : (record[index] ?? ''));
    const body = cell(column.body)
      .replace(/\r\n?/g, '\n')
      .replace(/^\s*\n|\n\s*$/g, '');
    const sentAt = column.time < 0 ? cell(column.sentAt) : `${cell(column.sentAt)} ${cell(column.time)}`;
    if (body.trim() === '') problems.push({ line, message: 'the message has no text' });
    else
      messages.push({
        sentAt: sentAt.trim(),
        from: cell(column.from).trim(),
        to: cell(column.to).trim(),
        subject: cell(column.subject).trim(),
        body,
        original: raw.replace(/\r?\n$/, ''),
        line,
      });
    line = info.lines + 1;
  }
  return { messages, problems };
}
