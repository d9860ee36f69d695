import { ERROR_CODES } from '../errors.js';

/** The error codes of the API as a Markdown list, from the one table that defines them. */
function errorCodeList(): string {
  return Object.entries(ERROR_CODES)
    .map(([code, { status, title }]) => `- \`${code}\` (${status}): ${title}`)
    .join('\n');
}

/** The description at the top of the published document, written for integrators. */
export const INTEGRATOR_GUIDE = `Records that have to hold up: a co-parent's incident log, a clinician's licenses, a nurse's credentials, files and wellbeing records, each in a workspace.

## Authentication
A workspace owner or admin creates an API key (\`POST /v1/workspaces/{workspaceId}/api-keys\` with a name and scopes such as \`incidents:read\`, \`incidents:write\`); the secret (\`hf_...\`) is shown once. Send it as \`Authorization: Bearer hf_...\`. A key acts only in its own workspace and only within its scopes (403 otherwise); any other workspace answers 404. Browsers use the session cookie, and send \`X-Holdfast-CSRF: 1\` with every change. Operations marked with no security are public.

## Idempotency
Every POST accepts an \`Idempotency-Key\` header (any unique string, for example a UUID). The first request runs; a retry with the same key and body within 24 hours gets the same answer again, marked \`Idempotent-Replayed: true\`, and creates nothing new. The same key with another body, or while the first request is still running, answers 409 \`idempotency_conflict\`.

## Reporting CE completions (training providers)
A provider reports the courses a person completed, once that person has linked the provider. The person makes a link code in their workspace (\`POST /v1/workspaces/{workspaceId}/credentials/provider-links\`) and gives it to you. In your own workspace, with a key of scope \`ce:completions:write\`, redeem it once with \`POST /v1/workspaces/{workspaceId}/ce/links\` and \`{ "linkCode": "..." }\`: the answer is an opaque \`linkId\`, all you learn of the person. Codes expire within days and work once; an unknown, used, revoked or expired code answers 404. Then report each completion with \`POST /v1/workspaces/{workspaceId}/ce/completions\` (\`linkId\`, \`courseTitle\`, \`providerName\`, \`completedOn\`, \`hours\` in quarter hours from 0.25 to 200, \`category\`, optional \`format\` and \`certificateNumber\`); the \`Idempotency-Key\` header is required there. Each report waits for the person to accept it (it becomes a CE activity) or decline it; \`GET /v1/workspaces/{workspaceId}/ce/links/{linkId}/completions\` shows each report's status. Once the person revokes the link or leaves, new reports answer 404.

## Pagination
Lists take \`limit\` (1..100) and answer \`{ items, nextCursor }\`. Pass \`nextCursor\` back as \`cursor\` with the same filters for the next page; no \`nextCursor\` means the last page. Cursors are opaque and bound to the workspace and query: an altered one answers 400 \`invalid_cursor\`.

## Rate limits
Requests are limited per client address and per workspace, per minute. Answers carry \`x-ratelimit-limit\`, \`x-ratelimit-remaining\` and \`x-ratelimit-reset\`; over the limit the answer is 429 with \`Retry-After\` (seconds). A 503 for a dependency outage carries \`Retry-After\` too; retry after it.

## Errors
Every error is \`application/problem+json\` (RFC 9457) with a stable \`code\`, a \`title\`, often a \`detail\` for people, \`errors[]\` naming each invalid field, and \`requestId\` for support. Bodies are validated as sent (a string where a number belongs is a 400, never converted), text is trimmed (whitespace-only text is blank), and unknown fields are refused. A path value longer than any id (100 characters) names nothing and answers 404; a method a path does not support answers 405 with \`Allow\`. The codes:

${errorCodeList()}

## Versioning
The version is in the path (\`/v1\`). Within it, answers may gain fields and operations may be added, so ignore fields you do not know; removing or renaming anything comes with a new path version.
`;
