#!/usr/bin/env -S npx tsx
import { readFileSync } from 'node:fs';
import { verifyExport } from './verify-export.js';

/**
 * The Holdfast command line. `holdfast verify <export.zip> [--public-key key.pem]` checks an
 * export offline and exits 0 when every hash, the signature and every audit chain hold, 1 when
 * not, 2 on wrong usage.
 */
const USAGE = 'usage: holdfast verify <export.zip> [--public-key <key.pem>]';

async function main(argv: string[]): Promise<number> {
  const [command, zipPath, ...rest] = argv;
  if (command !== 'verify' || zipPath === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const keyFlag = rest.indexOf('--public-key');
  const keyPath = keyFlag === -1 ? undefined : rest[keyFlag + 1];
  if (keyFlag !== -1 && keyPath === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const result = await verifyExport(
    zipPath,
    keyPath === undefined ? {} : { publicKeyPem: readFileSync(keyPath, 'utf8') },
  );
  if (result.isValid) {
    process.stdout.write(
      `OK: ${result.fileCount} files match the signed manifest; ${result.auditLogsChecked} audit log(s) intact.\n` +
        `Export ${result.exportId ?? '?'} signed by key ${result.keyId ?? '?'} — compare it with /.well-known/holdfast-export-key.\n`,
    );
    return 0;
  }
  process.stdout.write(
    `FAILED: this export does not verify.\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
