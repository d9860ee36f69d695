import { Type } from 'typebox';

/** An email address as every route accepts it (sign-in, email change, invites, mail preferences). */
export const EmailSchema = Type.String({ format: 'email', maxLength: 254 });
