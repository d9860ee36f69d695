import { isApiError, toFormErrors } from '../../lib/api/problem';

const INVITE_FIELDS = ['email', 'profession', 'kinds', 'endsAt'] as const;
export type InviteField = (typeof INVITE_FIELDS)[number];

/**
 * Places an API refusal of a professional invite on the field it names: the API reports the grant's
 * fields under `/professional/...`, which the generic mapping would fold into one.
 */
export function toInviteErrors(error: unknown): {
  fields: Partial<Record<InviteField, string>>;
  form?: string;
} {
  if (!isApiError(error)) return toFormErrors(error, []);
  const fields: Partial<Record<InviteField, string>> = {};
  const rest: string[] = [];
  for (const item of error.problem.errors ?? []) {
    // The first path segment that names a field: `/professional/kinds/0` is about the kinds.
    const field = item.field
      .split(/[./[\]]/)
      .find((segment): segment is InviteField => (INVITE_FIELDS as readonly string[]).includes(segment));
    const message = item.message.charAt(0).toUpperCase() + item.message.slice(1);
    if (field === undefined) rest.push(message);
    else fields[field] ??= message;
  }
  const form =
    rest.length > 0
      ? rest.join('; ')
      : Object.keys(fields).length === 0
        ? (error.problem.detail ?? error.problem.title)
        : undefined;
  return { fields, ...(form === undefined ? {} : { form }) };
}
