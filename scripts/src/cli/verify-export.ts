import { createHash, createPublicKey, verify } from 'node:crypto';
import { promisify } from 'node:util';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { verifyChain, type AuditEntry } from '@holdfast/api/audit-chain';

/**
 * Checks a Holdfast export offline: every entry's SHA-256 and size against manifest.json, that the
 * manifest lists every entry and nothing more, the Ed25519 signature of manifest.json (with the key
 * in the manifest, or a pinned key), and the hash chain of every audit log in it.
 */

export type VerifyResult = {
  isValid: boolean;
  problems: string[];
  keyId?: string;
  exportId?: string;
  fileCount: number;
  auditLogsChecked: number;
};

type ManifestFile = { path: string; size: number; sha256: string };
type Manifest = {
  format: string;
  exportId: string;
  signature: { algorithm: string; keyId: string; publicKey: string };
  files: ManifestFile[];
};

const open = promisify<string, yauzl.Options, ZipFile>(yauzl.open);

async function readEntry(
  zip: ZipFile,
  entry: Entry,
): Promise<{ sha256: string; size: number; text?: string }> {
  const stream = await promisify(zip.openReadStream.bind(zip))(entry);
  const hash = createHash('sha256');
  let size = 0;
  // Only small, known files are kept as text: the manifest, its signature and audit logs.
  const keep = /(^manifest\.(json|sig)$)|(\/audit-log\.json$)/.test(entry.fileName);
  const parts: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (keep) parts.push(chunk);
  }
  return {
    sha256: hash.digest('hex'),
    size,
    ...(keep ? { text: Buffer.concat(parts).toString('utf8') } : {}),
  };
}

function rawKey(pem: string): Buffer {
  return createPublicKey(pem).export({ format: 'der', type: 'spki' }).subarray(-32);
}

export async function verifyExport(
  zipPath: string,
  options: { publicKeyPem?: string } = {},
): Promise<VerifyResult> {
  const problems: string[] = [];
  const seen = new Map<string, { sha256: string; size: number }>();
  const texts = new Map<string, string>();
  let zip: ZipFile;
  try {
    zip = await open(zipPath, { lazyEntries: true, autoClose: false });
  } catch (error) {
    return {
      isValid: false,
      problems: [`not a readable ZIP: ${(error as Error).message}`],
      fileCount: 0,
      auditLogsChecked: 0,
    };
  }
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        readEntry(zip, entry)
          .then((read) => {
            if (seen.has(entry.fileName)) problems.push(`${entry.fileName}: appears twice in the ZIP`);
            seen.set(entry.fileName, read);
            if (read.text !== undefined) texts.set(entry.fileName, read.text);
            zip.readEntry();
          })
          .catch(reject);
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
  } catch (error) {
    problems.push(`the ZIP is damaged: ${(error as Error).message}`);
  } finally {
    zip.close();
  }

  const manifestText = texts.get('manifest.json');
  const signatureText = texts.get('manifest.sig');
  if (manifestText === undefined || signatureText === undefined) {
    problems.push('manifest.json or manifest.sig is missing');
    return { isValid: false, problems, fileCount: 0, auditLogsChecked: 0 };
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
  } catch {
    return {
      isValid: false,
      problems: [...problems, 'manifest.json is not JSON'],
      fileCount: 0,
      auditLogsChecked: 0,
    };
  }

  // The signature: over the exact bytes of manifest.json, by the manifest's key or a pinned one.
  const keyPem = options.publicKeyPem ?? manifest.signature.publicKey;
  if (
    options.publicKeyPem !== undefined &&
    !rawKey(options.publicKeyPem).equals(rawKey(manifest.signature.publicKey))
  )
    problems.push('the manifest names a different signing key than the one given');
  const isSigned = verify(
    null,
    Buffer.from(manifestText),
    createPublicKey(keyPem),
    Buffer.from(signatureText.trim(), 'base64'),
  );
  if (!isSigned)
    problems.push(
      'the signature of manifest.json does not verify: the manifest was changed or not signed by Holdfast',
    );
  const keyId = createHash('sha256').update(rawKey(keyPem)).digest('hex').slice(0, 16);
  if (keyId !== manifest.signature.keyId) problems.push('the key id in the manifest does not match its key');

  // Every listed file present and unchanged; nothing unlisted.
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const actual = seen.get(file.path);
    if (actual === undefined) problems.push(`${file.path}: listed in the manifest but missing`);
    else if (actual.sha256 !== file.sha256 || actual.size !== file.size)
      problems.push(`${file.path}: its content does not match the manifest (SHA-256 ${actual.sha256})`);
  }
  for (const path of seen.keys())
    if (!listed.has(path) && path !== 'manifest.json' && path !== 'manifest.sig')
      problems.push(`${path}: in the ZIP but not in the manifest`);

  // Audit logs: the chain of hashes re-walked from the exported entries.
  let auditLogsChecked = 0;
  for (const [path, text] of texts) {
    if (!path.endsWith('/audit-log.json')) continue;
    try {
      const verdict = verifyChain(JSON.parse(text) as AuditEntry[]);
      auditLogsChecked += 1;
      if (!verdict.isValid)
        problems.push(
          `${path}: audit chain broken at entry ${verdict.firstBrokenSeq ?? '?'} (${verdict.reason ?? ''})`,
        );
    } catch {
      problems.push(`${path}: not a readable audit log`);
    }
  }

  return {
    isValid: problems.length === 0,
    problems,
    keyId,
    exportId: manifest.exportId,
    fileCount: manifest.files.length,
    auditLogsChecked,
  };
}
