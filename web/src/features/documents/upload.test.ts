import { describe, expect, it } from 'vitest';
import { formatSize, hashFile } from './upload';

describe('hashFile', () => {
  it('computes the SHA-256 a verifier gets with sha256sum, reading the file in chunks', async () => {
    const file = new Blob(['abc']);
    await expect(hashFile(file, new AbortController().signal)).resolves.toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const large = new Blob([new Uint8Array(3 * 1024 * 1024).fill(97)]);
    await expect(hashFile(large, new AbortController().signal)).resolves.toMatch(/^[0-9a-f]{64}$/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(hashFile(new Blob(['x']), controller.signal)).rejects.toThrow('cancelled');
  });
});

describe('formatSize', () => {
  it('says sizes in words people read', () => {
    expect(formatSize(900)).toBe('900 bytes');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(200 * 1024 * 1024)).toBe('200 MB');
  });
});
