import { fileTypeFromBuffer } from 'file-type';

/** Bytes read from the start of an upload to decide its type (what file-type needs to be sure). */
export const SNIFF_BYTES = 4100;

/** The types the vault keeps (P-FILE-2), by the MIME type answered on download. */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/webp': 'WebP image',
  'image/heic': 'HEIC image',
  'image/heif': 'HEIC image',
  'text/plain': 'plain text',
};

export type DetectedType = { mime: string; label: string; isAllowed: boolean };

/**
 * Whether a file's first bytes read as text: UTF-8 that decodes, with no NUL and no control
 * characters besides tab, line breaks and form feed. A multi-byte character cut at the end of
 * the sample is fine (the decoder is told more may follow).
 */
function isPlainText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is checked
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/**
 * Decides a file's type from its content alone (magic bytes), never from its name or the type a
 * client declared. Unknown binary content is named `application/octet-stream`.
 */
export async function detectType(head: Uint8Array): Promise<DetectedType> {
  const detected = await fileTypeFromBuffer(head);
  if (detected !== undefined) {
    const label = ALLOWED_TYPES[detected.mime];
    return label === undefined
      ? { mime: detected.mime, label: `${detected.ext.toUpperCase()} (${detected.mime})`, isAllowed: false }
      : { mime: detected.mime, label, isAllowed: true };
  }
  if (isPlainText(head)) return { mime: 'text/plain', label: 'plain text', isAllowed: true };
  return { mime: 'application/octet-stream', label: 'unknown binary data', isAllowed: false };
}

/** True when a chunk of a text upload holds a byte that plain text never has (NUL). */
export function hasBinaryByte(chunk: Uint8Array): boolean {
  return chunk.includes(0);
}
