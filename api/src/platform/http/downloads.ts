import contentDisposition from 'content-disposition';

/**
 * Headers of a file sent for download: saved, never shown inline or sniffed into another type,
 * never cached by a shared cache.
 */
export function downloadHeaders(filename: string, contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-disposition': contentDisposition(filename, { type: 'attachment' }),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
}
