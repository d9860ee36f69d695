import { buildWebUrl } from '../../../config.js';
import type { AppDeps } from '../../../platform/deps.js';
import type { EnqueueEmailInput } from '../../notifications/service.js';
import type { CredentialRequest } from './schema.js';

/**
 * The emails a credential request sends the person asked: when it is made and when the
 * organisation cancels it. Both are service notices about something addressed to them, so they go
 * through the outbox with the same send-time suppression check (P-MAIL-4), committed with the
 * change that causes them. They name the organisation and how much was asked, never the records.
 */

type RequestMail = EnqueueEmailInput<'serviceNotice'>;

/** "2 licenses and 1 document": how much is asked, without naming what (mail is not a record). */
function describeAsked(request: CredentialRequest): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const parts = [
    ...(request.licenses.length > 0 ? [count(request.licenses.length, 'license')] : []),
    ...(request.documents.length > 0 ? [count(request.documents.length, 'document')] : []),
  ];
  return parts.join(' and ');
}

/** The outbox key of a cancellation notice: a request is cancelled once, so it is queued once. */
export function cancelledMailKey(requestId: string): string {
  return `credential-request-cancelled:${requestId}`;
}

export function buildRequestMail(
  deps: AppDeps,
  organisationName: string,
  request: CredentialRequest,
): RequestMail {
  return {
    dedupeKey: `credential-request:${request.id}`,
    to: request.email,
    template: 'serviceNotice',
    data: {
      subject: `${organisationName} asks for your credentials on Holdfast`,
      heading: `${organisationName} asks for your credentials`,
      paragraphs: [
        `${organisationName} asked you to share ${describeAsked(request)}.`,
        'Sign in to Holdfast with this address to see the request and choose what to share. You can withdraw it at any time.',
      ],
      // The person may have no workspace yet: the link opens Holdfast, which signs them in first.
      link: { label: 'Open Holdfast', url: buildWebUrl(deps.config, '/') },
    },
  };
}

/** What the cancellation changes for the person, by where the request stood when it was cancelled. */
function describeOutcome(organisationName: string, previousStatus: CredentialRequest['status']): string {
  switch (previousStatus) {
    case 'shared':
      return `The records you shared for it are no longer visible to ${organisationName}. They stay in your workspace.`;
    case 'withdrawn':
      return `You had already withdrawn what you shared for it; ${organisationName} sees none of it.`;
    default:
      return 'You do not need to answer it, and nothing of yours was shared for it.';
  }
}

export function buildCancelledMail(
  deps: AppDeps,
  organisationName: string,
  request: CredentialRequest,
  previousStatus: CredentialRequest['status'],
): RequestMail {
  return {
    dedupeKey: cancelledMailKey(request.id),
    to: request.email,
    template: 'serviceNotice',
    data: {
      subject: `${organisationName} cancelled its request for your credentials`,
      heading: `${organisationName} cancelled its request`,
      paragraphs: [
        `${organisationName} cancelled its request for ${describeAsked(request)}.`,
        describeOutcome(organisationName, previousStatus),
      ],
      link: { label: 'Open Holdfast', url: buildWebUrl(deps.config, '/') },
    },
  };
}
