import { describe, expect, it } from 'vitest';
import { buildQrPath } from './qr-path';

const URI =
  'otpauth://totp/Holdfast:someone%40example.org?issuer=Holdfast&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30';

function darkModules(path: string): { x: number; y: number }[] {
  return [...path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
}

describe('buildQrPath', () => {
  it('draws the code inside a four-module quiet zone, with its three finder patterns', () => {
    const { size, path } = buildQrPath(URI);
    const modules = darkModules(path);
    expect(modules.length).toBeGreaterThan(100);
    // Every dark module stays off the quiet zone.
    for (const { x, y } of modules) {
      expect(Math.min(x, y)).toBeGreaterThanOrEqual(4);
      expect(Math.max(x, y)).toBeLessThan(size - 4);
    }
    // Finder patterns: the outer ring's corners at top-left, top-right and bottom-left.
    const isDark = (x: number, y: number) => modules.some((m) => m.x === x && m.y === y);
    const far = size - 5;
    for (const [x, y] of [
      [4, 4],
      [10, 10],
      [far, 4],
      [4, far],
    ] as const)
      expect(isDark(x, y)).toBe(true);
    // The path is nothing but squares: no text of the URI (the secret) in the markup.
    expect(path).not.toContain('JBSWY3DP');
  });

  it('gives another code for another key, and the same code for the same key', () => {
    expect(buildQrPath(URI).path).toBe(buildQrPath(URI).path);
    expect(buildQrPath(URI.replace('JBSW', 'KBSW')).path).not.toBe(buildQrPath(URI).path);
  });
});
