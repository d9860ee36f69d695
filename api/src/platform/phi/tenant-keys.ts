/**
 * Per-tenant wellbeing keys: the key hierarchy behind crypto-shredding (P-PHI-4).
 *
 * Design note. Three levels:
 *   1. Root: the customer-managed KMS key `alias/holdfast-phi-{env}` (a raw AES key in the
 *      embedded default), reached only through the root keyring.
 *   2. Tenant key: 32 random bytes per tenant, stored in the PHI table (`TENANT#t / PHIKEY`) only
 *      as an Encryption SDK message under the root keyring, bound to the tenant and key id.
 *   3. Message data keys: every record's sensitive fields are one Encryption SDK message (and so
 *      is every sealed copy) whose data key is wrapped by a raw AES keyring holding the tenant
 *      key (namespace `holdfast-phi-tenant`, key name `<tenantId>/<keyId>`).
 * Shredding deletes the tenant-key item: every message data key of that tenant was wrapped only by
 * it, so leftover copies of the items (exports, a stolen dump) cannot be decrypted, while the
 * root key and other tenants are untouched. A new key would get a new key id and never match.
 *
 * What it costs. One root (KMS) call per tenant per cache period instead of one per message: the
 * unwrapped tenant key stays in process memory for at most PHI_KEY_CACHE_SECONDS (<= 5 minutes)
 * and PHI_KEY_CACHE_MAX_USES messages sealed or opened, so 1,000 writes over 10 tenants need 10
 * KMS calls, over 100 tenants 100. The price: (a) a tenant key lives in memory for that long, so another process may still
 * read for up to the cache age after a shred (the process that shreds evicts at once); (b) the
 * wrapped tenant key is in table backups (PITR, 35 days), so a shred is final only once those age
 * out, as the retention promise says; (c) one extra consistent read per cache miss; (d) a lost
 * tenant-key item loses that tenant's wellbeing data, which is the point of the design.
 * The Encryption SDK's hierarchical keyring does the same with branch keys but needs KMS for
 * every environment; this one runs the same code on the local AES root.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { KeyringNode } from '@aws-crypto/client-node';
import type { Db } from '../db/client.js';
import { tenantPk } from '../db/keys.js';
import { PHI_KEYS } from '../db/phi-keys.js';
import { createId } from '../db/ids.js';
import { isConditionFailed } from '../db/transactions.js';
import { loadEncryptionSdk, type RootKeyringOnFirstUse } from './encryption-sdk.js';

const TENANT_KEY_PURPOSE = 'holdfast-phi-tenant-key';

/** The root keyring could not be used (KMS unreachable, throttled, or refused). */
export class PhiKeyUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the PHI root keyring is unavailable', options);
    this.name = 'PhiKeyUnavailableError';
  }
}

/** The tenant has no wellbeing key (never written, or shredded): its ciphertexts cannot be read. */
export class PhiKeyMissingError extends Error {
  constructor() {
    super('this tenant has no wellbeing key');
    this.name = 'PhiKeyMissingError';
  }
}

type CachedKey = { keyring: KeyringNode; keyId: string; loadedAt: number; uses: number };

export type TenantKeyOptions = {
  db: Db;
  table: string;
  root: RootKeyringOnFirstUse;
  maxAgeMs: number;
  maxUses: number;
  /** Tenants whose keys are kept at once; the least recently loaded is dropped first. */
  maxEntries?: number;
  now?: () => number;
};

/** Loads, creates, caches and destroys tenant wellbeing keys. */
export class TenantKeys {
  private readonly cache = new Map<string, CachedKey>();
  private readonly loading = new Map<string, Promise<CachedKey>>();

  constructor(private readonly options: TenantKeyOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /**
   * The keyring of a tenant's key for one message sealed or opened. `create` makes the key on a tenant's
   * first write; reads never create one, so a shredded tenant stays unreadable.
   */
  async getKeyring(tenantId: string, options: { create: boolean }): Promise<KeyringNode> {
    const cached = this.cache.get(tenantId);
    if (
      cached !== undefined &&
      this.now() - cached.loadedAt < this.options.maxAgeMs &&
      cached.uses < this.options.maxUses
    ) {
      cached.uses += 1;
      return cached.keyring;
    }
    this.cache.delete(tenantId);
    // Concurrent cold requests for one tenant share one load, so they make one root call.
    let pending = this.loading.get(tenantId);
    if (pending === undefined) {
      pending = this.load(tenantId, options.create).finally(() => this.loading.delete(tenantId));
      this.loading.set(tenantId, pending);
    }
    const loaded = await pending;
    loaded.uses += 1;
    return loaded.keyring;
  }

  private remember(tenantId: string, entry: CachedKey): CachedKey {
    this.cache.set(tenantId, entry);
    const maxEntries = this.options.maxEntries ?? 10_000;
    while (this.cache.size > maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return entry;
  }

  private async load(tenantId: string, create: boolean): Promise<CachedKey> {
    const { db, table } = this.options;
    const found = await db.doc.send(
      new GetCommand({
        TableName: table,
        Key: { PK: tenantPk(tenantId), SK: PHI_KEYS.tenantKey() },
        ConsistentRead: true,
      }),
    );
    const item = found.Item as { keyId: string; wrapped: Uint8Array } | undefined;
    if (item !== undefined) return this.remember(tenantId, await this.unwrap(tenantId, item));
    if (!create) throw new PhiKeyMissingError();
    const keyId = createId();
    const material = randomBytes(32);
    const wrapped = await this.wrap(tenantId, keyId, material);
    try {
      await db.doc.send(
        new PutCommand({
          TableName: table,
          Item: { PK: tenantPk(tenantId), SK: PHI_KEYS.tenantKey(), entity: 'PhiTenantKey', keyId, wrapped },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      // Another process created the tenant's key first: use that one.
      if (isConditionFailed(error)) return this.load(tenantId, false);
      throw error;
    }
    const { toTenantKeyring } = await loadEncryptionSdk();
    const entry = {
      keyring: toTenantKeyring(tenantId, keyId, material),
      keyId,
      loadedAt: this.now(),
      uses: 0,
    };
    return this.remember(tenantId, entry);
  }

  private context(tenantId: string, keyId: string): Record<string, string> {
    return { purpose: TENANT_KEY_PURPOSE, tenant: tenantId, keyId };
  }

  private async wrap(tenantId: string, keyId: string, material: Buffer): Promise<Buffer> {
    try {
      const { ESDK, SUITE } = await loadEncryptionSdk();
      const { result } = await ESDK.encrypt(await this.options.root.keyring(), material, {
        suiteId: SUITE,
        encryptionContext: this.context(tenantId, keyId),
      });
      return result;
    } catch (error) {
      throw new PhiKeyUnavailableError({ cause: error });
    }
  }

  private async unwrap(tenantId: string, item: { keyId: string; wrapped: Uint8Array }): Promise<CachedKey> {
    let plaintext: Buffer;
    let context: Record<string, string>;
    const { ESDK, toTenantKeyring } = await loadEncryptionSdk();
    try {
      const result = await ESDK.decrypt(await this.options.root.keyring(), item.wrapped);
      plaintext = result.plaintext;
      context = result.messageHeader.encryptionContext;
    } catch (error) {
      throw new PhiKeyUnavailableError({ cause: error });
    }
    const expected = this.context(tenantId, item.keyId);
    // A tenant key copied under another tenant must not open that tenant's fields.
    if (Object.entries(expected).some(([name, value]) => context[name] !== value)) {
      throw new Error('a tenant wellbeing key is bound to another tenant');
    }
    return {
      keyring: toTenantKeyring(tenantId, item.keyId, new Uint8Array(plaintext)),
      keyId: item.keyId,
      loadedAt: this.now(),
      uses: 0,
    };
  }

  /** Deletes the tenant's wellbeing key and forgets it here: its ciphertexts become unreadable. */
  buildDestroy(tenantId: string) {
    this.cache.delete(tenantId);
    return {
      Delete: {
        TableName: this.options.table,
        Key: { PK: tenantPk(tenantId), SK: PHI_KEYS.tenantKey() },
        // A key already destroyed (or never made) leaves nothing to destroy, and nothing to audit.
        ConditionExpression: 'attribute_exists(PK)',
      },
    };
  }

  /** Drops a tenant's cached key in this process. */
  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}
