import type { KeyringNode } from '@aws-crypto/client-node';
import type { Config } from '../../config.js';
import { loadOnFirstUse } from '../load-on-first-use.js';
import type { CountingKeyring } from './root-keyring.js';

/**
 * The AWS Encryption SDK with its KMS client and big-number libraries (about a tenth of the API's
 * start-up code), loaded when a wellbeing field or key is first sealed or opened: most requests
 * never touch wellbeing data, so a cold start (a new Lambda container) does not parse it.
 */
export const loadEncryptionSdk = loadOnFirstUse(() => import('./encryption-sdk-client.js'));

/**
 * The PHI root keyring (KMS in production, a local AES key in the embedded default), built on its
 * first use with the SDK, and counted: each call is a KMS request in production.
 */
export class RootKeyringOnFirstUse {
  private counting: CountingKeyring | undefined;
  /** The root keyring; the first call loads the SDK and builds it. */
  readonly keyring: () => Promise<KeyringNode>;

  constructor(config: Config, override?: KeyringNode) {
    this.keyring = loadOnFirstUse(async () => {
      const { buildRootKeyring, CountingKeyring } = await import('./root-keyring.js');
      this.counting = new CountingKeyring(override ?? buildRootKeyring(config));
      return this.counting;
    });
  }

  /** How many times the root keyring was called since start (none before it was built). */
  get calls(): number {
    return this.counting?.calls ?? 0;
  }
}
