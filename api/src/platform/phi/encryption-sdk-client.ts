/**
 * The Encryption SDK client and keyrings the PHI store uses; only ever imported through
 * `loadEncryptionSdk()` (encryption-sdk.ts), so the SDK stays out of the API's start-up code.
 */
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  type KeyringNode,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
} from '@aws-crypto/client-node';

export const ESDK = buildClient({
  commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT,
  maxEncryptedDataKeys: 1,
});

/** Committing suite without a signature: key commitment at ~0.7 ms per message. */
export const SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;

/** The keyring of one tenant's wellbeing key (tenant-keys.ts): raw AES-GCM under that key. */
export function toTenantKeyring(tenantId: string, keyId: string, material: Uint8Array): KeyringNode {
  return new RawAesKeyringNode({
    keyNamespace: 'holdfast-phi-tenant',
    keyName: `${tenantId}/${keyId}`,
    unencryptedMasterKey: material,
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });
}
