/**
 * What other modules may ask of credentials: whether a license or an activity exists (the vault
 * attaches certificates and license documents to them). Domain values only; no repo items.
 */
export { getLicense } from './license-service.js';
export { getActivity } from './activity-service.js';
