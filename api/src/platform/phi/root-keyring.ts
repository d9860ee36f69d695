import { hkdfSync } from 'node:crypto';
// The KMS client is our own direct dependency (its version pinned in the workspace catalogue like
// the other AWS clients) and handed to the Encryption SDK's keyring, not the copy the SDK re-exports.
import { KMS } from '@aws-sdk/client-kms';
import {
  KeyringNode,
  KmsKeyringNode,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
  type EncryptedDataKey,
  type NodeDecryptionMaterial,
  type NodeEncryptionMaterial,
} from '@aws-crypto/client-node';
import type { Config } from '../../config.js';

/** The alias of the customer-managed PHI key of an environment (created by infra's PhiKey). */
export function getPhiKeyAlias(config: Config): string {
  return `alias/holdfast-phi-${config.HOLDFAST_ENV}`;
}

/** Which root keyring the configuration selects: explicit, else raw AES only when local. */
export function getPhiKeyringKind(config: Config): 'kms' | 'raw-aes' {
  return config.PHI_KEYRING ?? (config.HOLDFAST_ENV === 'local' ? 'raw-aes' : 'kms');
}

/**
 * The KMS keyring on the PHI key. KMS records the key ARN in each wrapped key and the keyring
 * matches that ARN on decrypt, so an alias such as `alias/holdfast-phi-prod` is resolved to its key
 * ARN once (DescribeKey) before first use; a failed resolution is retried on the next call.
 */
class KmsPhiKeyring extends KeyringNode {
  private resolved: Promise<KeyringNode> | undefined;

  constructor(
    private readonly client: KMS,
    private readonly keyId: string,
  ) {
    super();
  }

  private keyring(): Promise<KeyringNode> {
    this.resolved ??= (async () => {
      const arn = this.keyId.startsWith('arn:')
        ? this.keyId
        : (await this.client.describeKey({ KeyId: this.keyId })).KeyMetadata?.Arn;
      if (arn === undefined) throw new Error('the PHI key has no ARN');
      return new KmsKeyringNode({ clientProvider: () => this.client, generatorKeyId: arn });
    })().catch((error: unknown) => {
      this.resolved = undefined;
      throw error;
    });
    return this.resolved;
  }

  async _onEncrypt(material: NodeEncryptionMaterial): Promise<NodeEncryptionMaterial> {
    return (await this.keyring()).onEncrypt(material);
  }

  async _onDecrypt(
    material: NodeDecryptionMaterial,
    encryptedDataKeys: EncryptedDataKey[],
  ): Promise<NodeDecryptionMaterial> {
    return (await this.keyring()).onDecrypt(material, encryptedDataKeys);
  }
}

function buildKmsKeyring(config: Config): KeyringNode {
  const endpoint = config.PHI_KMS_ENDPOINT;
  const client = new KMS({
    region: config.AWS_REGION,
    maxAttempts: 2,
    ...(endpoint === undefined
      ? {}
      : { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  });
  return new KmsPhiKeyring(client, config.PHI_KMS_KEY_ID ?? getPhiKeyAlias(config));
}

function buildRawAesKeyring(config: Config): KeyringNode {
  const key =
    config.PHI_LOCAL_ROOT_KEY === undefined
      ? Buffer.from(hkdfSync('sha256', config.SESSION_SECRET, 'holdfast', 'phi-local-root-key', 32))
      : Buffer.from(config.PHI_LOCAL_ROOT_KEY, 'base64');
  return new RawAesKeyringNode({
    keyNamespace: 'holdfast-phi-root',
    keyName: `local-${config.HOLDFAST_ENV}`,
    unencryptedMasterKey: new Uint8Array(key),
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
}

/**
 * Wraps the root keyring and counts its calls: each one is a KMS request in production
 * (GenerateDataKey on encrypt, Decrypt on decrypt), so the count is what the key cache saves.
 */
export class CountingKeyring extends KeyringNode {
  calls = 0;

  constructor(private readonly inner: KeyringNode) {
    super();
  }

  async _onEncrypt(material: NodeEncryptionMaterial): Promise<NodeEncryptionMaterial> {
    this.calls += 1;
    return this.inner.onEncrypt(material);
  }

  async _onDecrypt(
    material: NodeDecryptionMaterial,
    encryptedDataKeys: EncryptedDataKey[],
  ): Promise<NodeDecryptionMaterial> {
    this.calls += 1;
    return this.inner.onDecrypt(material, encryptedDataKeys);
  }
}

/** The root keyring the configuration selects: the same envelope code path runs on either. */
export function buildRootKeyring(config: Config): KeyringNode {
  return getPhiKeyringKind(config) === 'kms' ? buildKmsKeyring(config) : buildRawAesKeyring(config);
}
