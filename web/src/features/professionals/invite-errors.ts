import { isApiError, toFormErrors } from '../../lib/api/problem';

export type InviteField = 'email' | 'profession' | 'kinds' | 'endsAt';

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
    const field = (['endsAt', 'kinds', 'profession', 'email'] as const).find((name) =>
      item.field.includes(name),
    );
    if (field === undefined) rest.push(item.message);
    else fields[field] ??= item.message.charAt(0).toUpperCase() + item.message.slice(1);
  }
  const form =
    rest.length > 0
      ? rest.join('; ')
      : Object.keys(fields).length === 0
        ? (error.problem.detail ?? error.problem.title)
        : undefined;
  return { fields, ...(form === undefined ? {} : { form }) };
}
