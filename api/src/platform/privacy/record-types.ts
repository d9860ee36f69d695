/**
 * The shape of a data inventory entry. Each module (and each platform part that stores records)
 * declares its own entries next to its schema; `modules/privacy/inventory.ts` assembles them, with
 * the retention texts and the subprocessors, into the privacy and subprocessor pages.
 */

/** The outside providers records can reach (the subprocessors list names each one). */
export type ProviderId = 'aws' | 'stripe' | 'clerk' | 'openai' | 'anthropic';

/** How long a kind of record is kept; the privacy page words each class and the purge acts on it. */
export type Retention =
  'account' | 'workspace' | 'session' | 'short' | 'audit' | 'aggregate' | 'deletion' | 'optOut';

/**
 * One way the owner of a record corrects it (P-RIGHT-2): the route that changes the fields and the
 * route that shows them back. A test walks every one of these, changes each field through the
 * API and reads the new value back, and fails when a PATCH route of the API is not named here or
 * when a field the route accepts is missing from `fields`.
 */
export type CorrectionRoute = {
  /** `METHOD /path` of the route that changes the fields. */
  update: string;
  /** `GET /path` of the route that shows the record (alone or in a list) after the change. */
  read: string;
  /** `POST /path` (or `PUT`) that makes one, when it takes JSON: each field it takes must be in `fields` or `fixed`. */
  create?: string;
  fields: readonly string[];
  /** Fields set when the record is made that cannot be changed afterwards, each with the reason. */
  fixed?: Readonly<Record<string, string>>;
  /** Fields the same route takes that are not the owner's to set, each with who sets them. */
  others?: Readonly<Record<string, string>>;
  /**
   * `POST /path` that completes the change with the token mailed to the new value: a change of
   * email address takes effect only once the new address proves it is reachable and yours.
   */
  confirm?: string;
};

export type Correction = {
  /** How a person corrects this record, in words, for the privacy page. */
  how: string;
  /** The routes that do it; empty when the record holds nothing a person entered or it cannot change. */
  routes: readonly CorrectionRoute[];
};

export type RecordType = {
  /** The `entity` attribute stored on every item of this kind. */
  entity: string;
  label: string;
  fields: string;
  purpose: string;
  retention: Retention;
  providers: readonly ProviderId[];
  correction: Correction;
};

/** Records the service writes itself: nothing in them was entered by a person. */
export function systemRecord(how: string): Correction {
  return { how, routes: [] };
}
