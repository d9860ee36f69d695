/** Extensions that match each stored type, the first being the one added when a name lacks it. */
const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'image/heic': ['heic', 'heif'],
  'image/heif': ['heif', 'heic'],
  'text/plain': ['txt', 'text', 'md', 'csv', 'log', 'eml'],
};

const MAX_NAME = 150;

/**
 * A file name safe to store and to send back in Content-Disposition: no folders, no control or
 * reserved characters, no leading dots, at most 150 characters, and an extension that matches
 * the type decided from the content (a PNG named `x.pdf` becomes `x.pdf.png`).
 */
export function sanitizeFilename(raw: string, contentType: string): string {
  const base = raw.split(/[/\\]/).at(-1) ?? '';
  let name = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001F\u007F<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (name === '') name = 'file';
  const extensions = EXTENSIONS[contentType] ?? [];
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  const fitting = extension !== undefined && extensions.includes(extension);
  const suffix = fitting || extensions[0] === undefined ? '' : `.${extensions[0]}`;
  const room = MAX_NAME - suffix.length;
  if (name.length > room) {
    const kept = fitting && extension !== undefined ? `.${extension}` : '';
    name = `${name.slice(0, room - kept.length).trimEnd()}${kept}`;
  }
  return `${name}${suffix}`;
}

/** A title from a file name: the name without its extension. */
export function titleFromFilename(filename: string): string {
  const title = filename.replace(/\.[A-Za-z0-9]{1,8}$/, '').trim();
  return (title === '' ? filename : title).slice(0, 200);
}
