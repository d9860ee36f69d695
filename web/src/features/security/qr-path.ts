import { encode } from 'uqr';

/** Light modules around the code, as the QR specification asks, so scanners find its edges. */
const QUIET_ZONE = 4;

/**
 * The QR code of `text` as one SVG path of unit squares (one per dark module) and the side of
 * the square it fills, quiet zone included. One path keeps the markup small and needs no inline
 * HTML, so the page's content security policy is untouched.
 */
export function buildQrPath(text: string): { size: number; path: string } {
  const { data, size } = encode(text, { ecc: 'M', border: QUIET_ZONE });
  const parts: string[] = [];
  data.forEach((row, y) => {
    row.forEach((isDark, x) => {
      if (isDark) parts.push(`M${x} ${y}h1v1h-1z`);
    });
  });
  return { size, path: parts.join('') };
}
