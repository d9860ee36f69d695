import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

/** The primary key of a main-table item. */
export type ItemKey = { PK: string; SK: string };

/** Beyond this many entries the oldest are dropped: the cache bounds memory, not correctness. */
const MAX_ENTRIES = 20_000;

function cacheId(key: ItemKey): string {
  return `${key.PK}\u0000${key.SK}`;
}

/** A key attribute as written: a plain string, or the `{ S }` form of a low-level command. */
function readKeyPart(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'S' in value && typeof value.S === 'string')
    return value.S;
  return undefined;
}

function readKey(item: unknown): ItemKey | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Item;
  const PK = readKeyPart(record.PK);
  const SK = readKeyPart(record.SK);
  return PK === undefined || SK === undefined ? undefined : { PK, SK };
}

function asRecord(value: unknown): Item | undefined {
  return typeof value === 'object' && value !== null ? (value as Item) : undefined;
}

/**
 * The keys of every item a command may change: Put, Update and Delete, each write of a
 * transaction and of a batch. Reads name none.
 */
export function listWrittenKeys(input: unknown): ItemKey[] {
  const command = asRecord(input);
  if (command === undefined) return [];
  const keys: ItemKey[] = [];
  const add = (key: ItemKey | undefined) => {
    if (key !== undefined) keys.push(key);
  };
  // PutCommand carries Item; UpdateCommand and DeleteCommand carry Key (a GetCommand also carries
  // Key: dropping a copy on a read costs one more read at most, never a stale answer).
  add(readKey(command.Item));
  add(readKey(command.Key));
  if (Array.isArray(command.TransactItems)) {
    for (const entry of command.TransactItems) {
      const operation = asRecord(entry);
      if (operation === undefined) continue;
      add(readKey(asRecord(operation.Put)?.Item));
      add(readKey(asRecord(operation.Update)?.Key));
      add(readKey(asRecord(operation.Delete)?.Key));
    }
  }
  const requests = asRecord(command.RequestItems);
  if (requests !== undefined) {
    for (const writes of Object.values(requests)) {
      if (!Array.isArray(writes)) continue;
      for (const write of writes) {
        const request = asRecord(write);
        add(readKey(asRecord(request?.PutRequest)?.Item));
        add(readKey(asRecord(request?.DeleteRequest)?.Key));
      }
    }
  }
  return keys;
}

const WRITE_COMMANDS = new Set([
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
  'TransactWriteCommand',
  'BatchWriteCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

/**
 * A short-lived in-process copy of the few items every request reads to authenticate and
 * authorize (sessions, memberships, API keys), so that a signed-in read costs one DynamoDB call,
 * not three.
 *
 * How a change reaches it: every write this process sends through the watched client drops the
 * copies of the items it names, before and after it is sent, so the instance that signs out,
 * revokes a key, removes a member or changes a role refuses the old credential at once. Other
 * instances keep their copy at most `ttlMs` (≤ 5 s), measured on the app's clock. Absent items
 * are never cached, so a new member or session works at once everywhere.
 *
 * Concurrent misses of one item share one read, and a drop discards only the reads of the items
 * it names: a write to anything else (a rate-limit counter, an incident) never keeps another
 * item from being cached, which under load would make every request read it again.
 */
export class ItemCache {
  private readonly entries = new Map<string, { item: Item; expiresAt: number }>();
  /** Reads under way by item; a drop removes an item's, so what that read returns is not kept. */
  private readonly loading = new Map<string, Promise<Item | undefined>>();
  /** Copies are kept only once writes are watched: a cache nothing can drop would serve stale access. */
  private isWatching = false;

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  /** The cached item for `key`, or what `load` reads (then kept for `ttlMs` when it exists). */
  async read(key: ItemKey, load: () => Promise<Item | undefined>): Promise<Item | undefined> {
    if (this.ttlMs <= 0 || !this.isWatching) return load();
    const id = cacheId(key);
    const startedAt = this.clock();
    const hit = this.entries.get(id);
    if (hit !== undefined && hit.expiresAt > startedAt) return hit.item;
    const shared = this.loading.get(id);
    if (shared !== undefined) return shared;
    const reading = load();
    this.loading.set(id, reading);
    let item: Item | undefined;
    try {
      item = await reading;
    } finally {
      // Still ours unless a write to this item dropped it meanwhile (or a later read replaced it).
      const isCurrent = this.loading.get(id) === reading;
      if (isCurrent) this.loading.delete(id);
      if (!isCurrent || item === undefined) this.entries.delete(id);
      else this.store(id, item, startedAt);
    }
    return item;
  }

  private store(id: string, item: Item, startedAt: number): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.delete(id);
    this.entries.set(id, { item, expiresAt: startedAt + this.ttlMs });
  }

  /** Forgets the copies of these items, and the reads of them under way (a write to them is under way or done). */
  drop(keys: readonly ItemKey[]): void {
    for (const key of keys) {
      const id = cacheId(key);
      this.entries.delete(id);
      this.loading.delete(id);
    }
  }

  /** Drops the copies of whatever items a write sent through `doc` names. */
  watch(doc: DynamoDBDocumentClient): void {
    // A stand-in client with only `send` (a test double) cannot be watched: then nothing is kept.
    if (!('middlewareStack' in doc)) return;
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (!WRITE_COMMANDS.has(context.commandName ?? '')) return next(args);
        const keys = listWrittenKeys(args.input);
        this.drop(keys);
        try {
          return await next(args);
        } finally {
          this.drop(keys);
        }
      },
      { step: 'initialize' },
    );
    this.isWatching = true;
  }
}
