/**
 * The PHI chokepoint's public face. Only `modules/wellbeing` (and the app that builds the store)
 * may import it, and only this file of the folder; the table, its keys and the keyrings stay
 * inside (P-PHI-3, checked by test/security/phi-chokepoint.test.ts).
 */
export {
  PhiStore,
  WriteConditionFailed,
  type PhiAudit,
  type PhiContext,
  type PhiCopyPlace,
  type PhiCreate,
  type PhiHeader,
  type PhiRecord,
  type PhiSealedHeader,
  type PhiUpdate,
} from './phi-store.js';
export { PhiUnreadableError } from './field-crypto.js';
