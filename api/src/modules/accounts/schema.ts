import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { ROLES } from '../../platform/tenancy/roles.js';

export const WorkspaceIdParams = Type.Object({
  workspaceId: Type.String({ description: 'Workspace (tenant) id' }),
});

export const RoleSchema = stringEnum(ROLES);

export const EmailSchema = Type.String({ format: 'email', maxLength: 254 });

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

export const WorkspaceSummarySchema = Type.Object(
  { id: Type.String(), name: Type.String(), role: RoleSchema },
  { $id: 'WorkspaceSummary' },
);

export const WorkspaceSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Workspace' },
);

export const MemberSchema = Type.Object(
  {
    userId: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    joinedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Member' },
);

export const InviteSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    role: RoleSchema,
    createdAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
    status: Type.Union([
      Type.Literal('pending'),
      Type.Literal('accepted'),
      Type.Literal('revoked'),
      Type.Literal('expired'),
    ]),
  },
  { $id: 'Invite' },
);

export const SignInSchema = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    method: Type.Union([Type.Literal('magic-link'), Type.Literal('clerk')]),
    userAgent: Type.Optional(Type.String()),
  },
  { $id: 'SignIn' },
);

export type Member = Static<typeof MemberSchema>;
export type Invite = Static<typeof InviteSchema>;
export type Workspace = Static<typeof WorkspaceSchema>;
export type WorkspaceSummary = Static<typeof WorkspaceSummarySchema>;
export type SignIn = Static<typeof SignInSchema>;
