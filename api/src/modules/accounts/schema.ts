import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { API_KEY_SCOPES, ROLES } from '../../platform/tenancy/roles.js';
import { SAFE_ID_PATTERN } from '../../platform/db/keys.js';

export const WorkspaceIdParams = Type.Object({
  workspaceId: Type.String({ pattern: SAFE_ID_PATTERN, maxLength: 64, description: 'Workspace (tenant) id' }),
});

export const RoleSchema = stringEnum(ROLES);
export const ScopeSchema = stringEnum(API_KEY_SCOPES);

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

export const ApiKeySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    scopes: Type.Array(ScopeSchema),
    prefix: Type.String({ description: 'The first characters of the secret, to recognise it' }),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Optional(Type.String({ format: 'date-time' })),
    revokedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'ApiKey' },
);

export const SignInSchema = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    method: Type.Union([Type.Literal('magic-link'), Type.Literal('clerk')]),
    userAgent: Type.Optional(Type.String()),
  },
  { $id: 'SignIn' },
);

export const ACCOUNT_SCHEMAS = [
  UserSchema,
  WorkspaceSummarySchema,
  WorkspaceSchema,
  MemberSchema,
  InviteSchema,
  ApiKeySchema,
  SignInSchema,
];

export type Member = Static<typeof MemberSchema>;
export type Invite = Static<typeof InviteSchema>;
export type ApiKey = Static<typeof ApiKeySchema>;
export type Workspace = Static<typeof WorkspaceSchema>;
export type WorkspaceSummary = Static<typeof WorkspaceSummarySchema>;
export type SignIn = Static<typeof SignInSchema>;
