import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { KeyringNode } from '@aws-crypto/client-node';
import { getTablePrefix, type Config } from '../../config.js';
import type { AuditActor, AuditEntry } from '../audit/audit-chain.js';
import { commitWithAudit, WriteConditionFailed } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import { assertSafeId, tenantPk } from '../db/keys.js';
import { PHI_KEYS } from '../db/phi-keys.js';
import { getTableName, PHI_TABLE } from '../db/table-definition.js';
import { openField, PhiUnreadableError, sealField } from './field-crypto.js';
import { RootKeyringOnFirstUse } from './encryption-sdk.js';
import { openRecord, sealRecord, type RecordBinding } from './record-crypto.js';
import { buildCreate, buildUpdate, type SealedWrite, type TransactItem } from './record-writes.js';
import { PhiKeyMissingError, TenantKeys } from './tenant-keys.js';
import { queryAccessLog } from './access-log.js';
import { withKeyOutage } from './key-outage.js';
import { queryOwnerHeaders, querySharedHeaders, type OwnerHeadersQuery } from './record-queries.js';
import {
  toHeader,
  type PhiAudit,
  type PhiContext,
  type PhiCopyPlace,
  type PhiCreate,
  type PhiRecord,
  type PhiSealedHeader,
  type PhiUpdate,
} from './phi-records.js';

type Item = Record<string, unknown>;

export type {
  PhiAudit,
  PhiContext,
  PhiCopyPlace,
  PhiCreate,
  PhiHeader,
  PhiRecord,
  PhiSealedHeader,
  PhiUpdate,
} from './phi-records.js';

export type PhiStoreOptions = {
  /** A root keyring to use instead of the configured one (tests of an outage). */
  rootKeyring?: KeyringNode;
  now?: () => Date;
};

/**
 * The PHI chokepoint: the only code that names the wellbeing table (P-PHI-3). A record's sensitive
 * fields are encrypted here, as one message per record (record-crypto.ts), before it is written,
 * and decrypted here after it is read; every write
 * and every read is recorded in the tenant's audit trail in the same call (actor, action, record
 * ids, time; never content).
 */
export class PhiStore {
  private readonly table: string;
  private readonly root: RootKeyringOnFirstUse;
  private readonly keys: TenantKeys;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    config: Config,
    options: PhiStoreOptions = {},
  ) {
    this.table = getTableName(getTablePrefix(config), PHI_TABLE);
    this.root = new RootKeyringOnFirstUse(config, options.rootKeyring);
    this.now = options.now ?? (() => new Date());
    this.keys = new TenantKeys({
      db,
      table: this.table,
      root: this.root,
      maxAgeMs: config.PHI_KEY_CACHE_SECONDS * 1000,
      maxUses: config.PHI_KEY_CACHE_MAX_USES,
    });
  }

  /** How many times the root keyring (KMS in production) was called since start. */
  get rootKeyringCalls(): number {
    return this.root.calls;
  }

  private binding(tenantId: string, kind: string, id: string): RecordBinding {
    return { tenant: tenantId, pk: tenantPk(tenantId), sk: PHI_KEYS.record(kind, id) };
  }

  /** Seals a record's whole set of fields into one message under the tenant's key. */
  private async seal(
    tenantId: string,
    binding: RecordBinding,
    fields: Record<string, unknown>,
    formerFields: readonly string[] = [],
  ): Promise<SealedWrite> {
    const kept: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      assertSafeId(name, 'field name');
      kept[name] = value;
    }
    const keyring = await this.keys.getKeyring(tenantId, { create: true });
    return { message: await sealRecord(keyring, binding, kept), formerFields };
  }

  /**
   * The fields an update starts from: the record as stored, read consistently and opened, only
   * when its version is the one the caller saw; the transaction checks that version again, so the
   * fields left unchanged are exactly the ones the caller's version held.
   */
  private async readFieldsAt(
    tenantId: string,
    binding: RecordBinding,
    version: number,
  ): Promise<{ fields: Record<string, unknown>; formerFields: string[] } | undefined> {
    const found = await this.db.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: { PK: binding.pk, SK: binding.sk },
        ConsistentRead: true,
      }),
    );
    if (found.Item === undefined || found.Item.version !== version) return undefined;
    const { sealed } = toHeader(found.Item);
    const fields = await openRecord(() => this.keys.getKeyring(tenantId, { create: false }), binding, sealed);
    return { fields, formerFields: sealed.format === 1 ? [...sealed.fields.keys()] : [] };
  }

  /** The transaction items of one operation; `index` is where they start in the transaction. */
  private async buildOperation(
    tenantId: string,
    op: PhiCreate | PhiUpdate,
    now: string,
    index: number,
  ): Promise<TransactItem[]> {
    const binding = this.binding(tenantId, op.kind, op.id);
    if (op.type === 'create')
      return [buildCreate(this.table, tenantId, op, now, await this.seal(tenantId, binding, op.fields))];
    if (op.fields === undefined) return buildUpdate(this.table, tenantId, op, now, undefined);
    const current = await this.readFieldsAt(tenantId, binding, op.expected.version);
    // Gone, or changed since the caller read it: the transaction's own condition would fail alike.
    if (current === undefined) throw new WriteConditionFailed([index]);
    const merged = { ...current.fields };
    for (const [name, value] of Object.entries(op.fields)) if (value !== undefined) merged[name] = value;
    return buildUpdate(
      this.table,
      tenantId,
      op,
      now,
      await this.seal(tenantId, binding, merged, current.formerFields),
    );
  }

  /**
   * Encrypts and writes records in one transaction with their audit entry: every field is sealed
   * before anything is sent, so a keyring outage leaves nothing written (503). A failed version or
   * state condition throws `WriteConditionFailed`.
   */
  async write(ctx: PhiContext, operations: (PhiCreate | PhiUpdate)[], audit: PhiAudit): Promise<void> {
    const now = this.now().toISOString();
    const items = await withKeyOutage(async () => {
      const built: TransactItem[] = [];
      for (const op of operations)
        built.push(...(await this.buildOperation(ctx.tenantId, op, now, built.length)));
      return built;
    });
    await commitWithAudit(
      this.db,
      ctx.tenantId,
      items,
      {
        actor: ctx.actor,
        action: audit.action,
        target: { type: `wellbeing.${audit.kind}`, id: audit.id },
        details: { ownerId: audit.ownerId, ...(audit.details ?? {}) },
      },
      this.now,
    );
  }

  /** A record's plain header, without decrypting or logging: the input of an access decision. */
  async getHeader(tenantId: string, kind: string, id: string): Promise<PhiSealedHeader | undefined> {
    const result = await this.db.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: { PK: tenantPk(tenantId), SK: PHI_KEYS.record(kind, id) },
        ConsistentRead: true,
      }),
    );
    return result.Item === undefined ? undefined : toHeader(result.Item);
  }

  /**
   * Decrypts the given records (only `fields` when named) and logs the read, one audit entry per
   * owner, before anything is returned: what is not logged is not shown.
   */
  async open(
    ctx: PhiContext,
    headers: PhiSealedHeader[],
    action: string,
    fields?: readonly string[],
  ): Promise<PhiRecord[]> {
    const records = await withKeyOutage(async () => {
      const opened: PhiRecord[] = [];
      for (const header of headers) {
        const values = await openRecord(
          () => this.keys.getKeyring(ctx.tenantId, { create: false }),
          this.binding(ctx.tenantId, header.kind, header.id),
          header.sealed,
          fields,
        );
        const { sealed: _sealed, ...plain } = header;
        opened.push({ ...plain, fields: values });
      }
      return opened;
    });
    const byOwner = new Map<string, PhiSealedHeader[]>();
    for (const header of headers)
      byOwner.set(header.ownerId, [...(byOwner.get(header.ownerId) ?? []), header]);
    for (const [ownerId, owned] of byOwner) {
      const first = owned[0];
      if (first === undefined) continue;
      await commitWithAudit(
        this.db,
        ctx.tenantId,
        [],
        {
          actor: ctx.actor,
          action,
          target: {
            type: `wellbeing.${first.kind}`,
            id: owned.length === 1 ? first.id : `${owned.length} records`,
          },
          details: { ownerId, recordIds: owned.map((h) => h.id) },
        },
        this.now,
      );
    }
    return records;
  }

  /** One page of an owner's records of a kind, by their date (headers only). */
  async queryHeaders(
    tenantId: string,
    query: OwnerHeadersQuery,
  ): Promise<{ headers: PhiSealedHeader[]; lastKey?: Item }> {
    return queryOwnerHeaders(this.db, this.table, tenantId, query);
  }

  /** One page of the live records of a kind that others shared with `granteeId` (headers only). */
  async querySharedHeaders(
    tenantId: string,
    query: { kind: string; granteeId: string; limit: number; startKey?: Item },
  ): Promise<{ headers: PhiSealedHeader[]; lastKey?: Item }> {
    return querySharedHeaders(this.db, this.table, tenantId, query);
  }

  /**
   * One page of the access log of one person's wellbeing data, newest first: the audit entries
   * of reads and writes of records they own ("who opened my wellbeing data").
   */
  async listAccessLog(
    tenantId: string,
    ownerId: string,
    options: { limit: number; startKey?: Item },
  ): Promise<{ items: AuditEntry[]; lastKey?: Item }> {
    return queryAccessLog(this.db, tenantId, ownerId, options);
  }

  /**
   * Seals a copy of a wellbeing route's answer that another part of the platform keeps outside
   * this table (an idempotency replay in the main table) under the tenant's wellbeing key, bound
   * to the tenant and to the item and attribute it is kept in (P-PHI-2). Shredding the tenant's
   * key makes every such copy unreadable too (P-PHI-4).
   */
  async sealCopy(tenantId: string, place: PhiCopyPlace, text: string): Promise<Uint8Array> {
    return withKeyOutage(async () => {
      const keyring = await this.keys.getKeyring(tenantId, { create: true });
      return sealField(keyring, { tenant: tenantId, ...place }, text);
    });
  }

  /**
   * Opens a copy sealed by `sealCopy` for the person it was first answered to, and logs the read
   * in the tenant's audit trail (P-PHI-3) before returning it. Undefined when it can no longer be
   * read: the tenant's key was destroyed, or the ciphertext was moved or altered.
   */
  async openCopy(
    ctx: PhiContext,
    place: PhiCopyPlace,
    sealed: Uint8Array,
    audit: { action: string; target: string },
  ): Promise<string | undefined> {
    const text = await withKeyOutage(async () => {
      try {
        const keyring = await this.keys.getKeyring(ctx.tenantId, { create: false });
        const value = await openField(keyring, { tenant: ctx.tenantId, ...place }, sealed);
        return typeof value === 'string' ? value : undefined;
      } catch (error) {
        if (error instanceof PhiKeyMissingError || error instanceof PhiUnreadableError) return undefined;
        throw error;
      }
    });
    if (text === undefined) return undefined;
    await commitWithAudit(
      this.db,
      ctx.tenantId,
      [],
      {
        actor: ctx.actor,
        action: audit.action,
        target: { type: 'wellbeing.copy', id: audit.target },
        details: { ownerId: ctx.actor.id },
      },
      this.now,
    );
    return text;
  }

  /**
   * Crypto-shredding (P-PHI-4): deletes the tenant's wellbeing key, audited, so every ciphertext
   * of that tenant, wherever a copy survives, can no longer be decrypted. Tenant deletion calls it.
   */
  async destroyTenantWellbeingKey(tenantId: string, actor: AuditActor): Promise<void> {
    try {
      await commitWithAudit(
        this.db,
        tenantId,
        [this.keys.buildDestroy(tenantId)],
        { actor, action: 'wellbeing.key.destroyed', target: { type: 'wellbeing.key', id: tenantId } },
        this.now,
      );
    } catch (error) {
      // No key: already destroyed (a purge run again after a crash) or never made. Safe to repeat.
      if (!(error instanceof WriteConditionFailed)) throw error;
    }
    this.keys.forget(tenantId);
  }
}

export { WriteConditionFailed };
