const REPLY_KEY = /(?<!\\)"reply"\s*:\s*"/u;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * The part of the `reply` string a model has written so far, read from the start of a JSON
 * answer still being streamed, so the person sees the suggestion grow rather than raw JSON.
 * Empty until the key appears; an escape cut off at the end waits for its next piece.
 */
export function readPartialReply(jsonSoFar: string): string {
  const match = REPLY_KEY.exec(jsonSoFar);
  if (match === null) return '';
  let text = '';
  let at = match.index + match[0].length;
  while (at < jsonSoFar.length) {
    const char = jsonSoFar.charAt(at);
    if (char === '"') break;
    if (char !== '\\') {
      text += char;
      at += 1;
      continue;
    }
    const kind = jsonSoFar.charAt(at + 1);
    if (kind === 'u') {
      const hex = jsonSoFar.slice(at + 2, at + 6);
      if (!/^[0-9a-fA-F]{4}$/u.test(hex)) break;
      text += String.fromCharCode(Number.parseInt(hex, 16));
      at += 6;
      continue;
    }
    const simple = SIMPLE_ESCAPES[kind];
    if (simple === undefined) break;
    text += simple;
    at += 2;
  }
  return text;
}
