import type Stripe from 'stripe';
import type { Config } from '../config.js';
import type { Ai } from './ai/ai-client.js';
import type { BlobStore } from './blobs/blob-store.js';
import type { Db } from './db/client.js';
import type { CursorCodec } from './db/cursor.js';
import type { Mailer } from './email/mailer.js';
import type { PhiStore } from './phi/index.js';

/** What modules are given to do their work: adapters chosen at start, and the clock. */
export type AppDeps = {
  config: Config;
  db: Db;
  blobs: BlobStore;
  mailer: Mailer;
  /** The PHI chokepoint: wellbeing data, encrypted and access-logged. */
  phi: PhiStore;
  cursors: CursorCodec;
  now: () => Date;
  /** The Stripe client; undefined when billing is off (no STRIPE_SECRET_KEY). */
  stripe: Stripe | undefined;
  /** The AI providers; every call answers 503 `ai_not_configured` when none is configured. */
  ai: Ai;
};

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyInstance {
    deps: AppDeps;
  }
}
