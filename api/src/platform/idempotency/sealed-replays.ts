import type { AuditActor } from '../audit/audit-chain.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyContextConfig {
    /**
     * The route's requests and answers carry wellbeing (PHI) data: whatever the platform keeps of
     * them outside the PHI table (an idempotency replay) is sealed under the tenant's wellbeing key.
     */
    hasPhi?: boolean;
  }
}

/** The item and attribute a sealed answer is kept in; the ciphertext is bound to it. */
export type SealedPlace = { pk: string; sk: string; attr: string };

/**
 * Seals and opens the stored answers of PHI routes. The PHI chokepoint provides it (the app
 * passes its PHI store in), so this folder never reaches the tenant keys itself.
 */
export type ReplaySealer = {
  sealCopy(tenantId: string, place: SealedPlace, text: string): Promise<Uint8Array>;
  /** The answer, with its read audited; undefined once it cannot be read (the key was destroyed). */
  openCopy(
    ctx: { tenantId: string; actor: AuditActor },
    place: SealedPlace,
    sealed: Uint8Array,
    audit: { action: string; target: string },
  ): Promise<string | undefined>;
};
