import { PROBLEM_RESPONSES } from '../../platform/http/schema-ref.js';

/** Who may use the credentials routes, and the errors every write route may answer. */
export const READ_ACCESS = {
  access: { kind: 'tenant', permission: 'credentials:read' },
  entitlement: { module: 'credentials' },
} as const;
export const WRITE_ACCESS = {
  access: { kind: 'tenant', permission: 'credentials:write' },
  entitlement: { module: 'credentials' },
} as const;
export const WRITE_ERRORS = {
  400: PROBLEM_RESPONSES[400],
  403: PROBLEM_RESPONSES[403],
  404: PROBLEM_RESPONSES[404],
  409: PROBLEM_RESPONSES[409],
};
