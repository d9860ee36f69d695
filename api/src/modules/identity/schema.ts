import { Type, type Static } from 'typebox';

export const DisplayName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });

export const UserSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User' },
);
export type User = Static<typeof UserSchema>;

export const SignInSchema = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    method: Type.Union([Type.Literal('magic-link'), Type.Literal('clerk')]),
    userAgent: Type.Optional(Type.String()),
  },
  { $id: 'SignIn' },
);
export type SignIn = Static<typeof SignInSchema>;

/** A person's account as other modules see it: the profile and whether its deletion is pending. */
export type Account = User & {
  /** Set while the account is scheduled for deletion (hidden, restorable). */
  deletionRequestedAt?: string;
};
