import { PROBLEM_RESPONSES } from '../../platform/http/schema-ref.js';

/** Who may use the credentials routes, and the errors every write route may answer. */
export const READ_ACCESS = { permission: 'credentials:read', module: 'credentials' } as const;
export const WRITE_ACCESS = { permission: 'credentials:write', module: 'credentials' } as const;
export const WRITE_ERRORS = {
  400: PROBLEM_RESPONSES[400],
  403: PROBLEM_RESPONSES[403],
  404: PROBLEM_RESPONSES[404],
  409: PROBLEM_RESPONSES[409],
};
