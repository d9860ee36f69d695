import { AppError } from '../../platform/errors.js';

/** A 400 that names the field the rule refused, as the schema validator's answers do. */
export function invalidField(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field} ${message}.`, { errors: [{ field, message }] });
}
