import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, type KeyObject } from 'node:crypto';
import type { Config } from '../../../config.js';

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export type ExportSigner = {
  /** Hex SHA-256 of the raw public key, first 16 characters: names the key in manifests. */
  keyId: string;
  publicKeyPem: string;
  sign: (data: Buffer) => Buffer;
};

/**
 * The key that signs export manifests. Production supplies EXPORT_SIGNING_KEY; the embedded
 * default derives one from SESSION_SECRET (HKDF), so it is stable across restarts without a
 * separate secret to manage on one machine.
 */
export function loadExportSigner(config: Config): ExportSigner {
  const privateKey: KeyObject =
    config.EXPORT_SIGNING_KEY === undefined
      ? createPrivateKey({
          key: Buffer.concat([
            ED25519_PKCS8_PREFIX,
            Buffer.from(hkdfSync('sha256', config.SESSION_SECRET, 'holdfast', 'export-signing-key', 32)),
          ]),
          format: 'der',
          type: 'pkcs8',
        })
      : createPrivateKey(config.EXPORT_SIGNING_KEY);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error('EXPORT_SIGNING_KEY must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    sign: (data) => sign(null, data, privateKey),
  };
}
