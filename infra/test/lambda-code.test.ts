import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { listBundleFiles, requireLambdaCodeDir } from '../src/lambda-code.js';

const made: string[] = [];

/** A code directory with these files in `bundle/`. */
function codeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'holdfast-lambda-code-'));
  made.push(dir);
  mkdirSync(join(dir, 'bundle'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'bundle', name), text);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the Lambda code directory', () => {
  it('lists every chunk the entries reach, static and first-use imports alike', () => {
    const dir = codeDir({
      'lambda.mjs': 'import{a}from"./chunk-AAAA.mjs";export const handler=a;',
      'lambda-jobs.mjs': 'import{a}from"./chunk-AAAA.mjs";export const purge=a;',
      'chunk-AAAA.mjs': 'export const a=()=>import("./pdfkit-BBBB.mjs");',
      'pdfkit-BBBB.mjs': 'export default 1;',
    });
    expect(listBundleFiles(join(dir, 'bundle')).sort()).toEqual([
      'chunk-AAAA.mjs',
      'lambda-jobs.mjs',
      'lambda.mjs',
      'pdfkit-BBBB.mjs',
    ]);
    expect(requireLambdaCodeDir(dir)).toBe(dir);
  });

  it('refuses a bundle with a chunk missing, naming it and the build command', () => {
    const dir = codeDir({
      'lambda.mjs': 'import{a}from"./chunk-AAAA.mjs";export const handler=a;',
      'lambda-jobs.mjs': 'export const purge=1;',
      'chunk-AAAA.mjs': 'export const a=()=>import("./stripe-CCCC.mjs");',
    });
    expect(() => requireLambdaCodeDir(dir)).toThrow(
      /lacks stripe-CCCC\.mjs \(imported by chunk-AAAA\.mjs\).*build:lambda/,
    );
  });

  it('refuses a directory without the entries', () => {
    expect(() => requireLambdaCodeDir(codeDir({}))).toThrow(/lacks lambda\.mjs/);
  });
});
