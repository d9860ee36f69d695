import { Type, type Static } from 'typebox';
import { ref, stringEnum } from '../../platform/http/schema-ref.js';
import { SAFE_ID_PATTERN } from '../../platform/db/keys.js';
import { IdParam } from '../../platform/http/params.js';
import { PERMISSIONS, PROFESSIONS, ROLES, SHARED_KINDS } from '../../platform/tenancy/roles.js';

export const WorkspaceIdParams = Type.Object({
  workspaceId: Type.String({ pattern: SAFE_ID_PATTERN, maxLength: 64, description: 'Workspace (tenant) id' }),
});

export const MemberParams = Type.Object({ workspaceId: IdParam, userId: IdParam });

export const InviteParams = Type.Object({ workspaceId: IdParam, inviteId: IdParam });

export const WorkspaceName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });

export const RoleSchema = stringEnum(ROLES);

/** What the caller's role allows in a workspace; the SPA shows only what it may use. */
const PermissionsSchema = Type.Array(stringEnum(PERMISSIONS), {
  description: 'What your role allows here; the API enforces it on every request',
});

const SharedKindsSchema = Type.Array(stringEnum(SHARED_KINDS), {
  minItems: 1,
  maxItems: SHARED_KINDS.length,
  uniqueItems: true,
  description: 'The record kinds they may read; wellbeing records also need sharing one by one',
});

/** What a professional was given: read-only access to some record kinds until an end date. */
export const ProfessionalGrantSchema = Type.Object(
  {
    profession: stringEnum(PROFESSIONS),
    kinds: SharedKindsSchema,
    endsAt: Type.String({ format: 'date-time', description: 'Access ends here (404 from then on)' }),
    grantedBy: Type.String({ description: 'Who shared: their access log holds every read' }),
  },
  { $id: 'ProfessionalGrant' },
);

/** What the person inviting a professional chooses; the end date defaults to 90 days. */
export const ProfessionalInviteInput = Type.Object(
  {
    profession: stringEnum(PROFESSIONS),
    kinds: SharedKindsSchema,
    endsAt: Type.Optional(
      Type.String({
        format: 'date-time',
        maxLength: 40,
        description: 'Within a year; 90 days when left out',
      }),
    ),
  },
  { additionalProperties: false },
);

export const WorkspaceSummarySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    permissions: PermissionsSchema,
    grant: Type.Optional(ref(ProfessionalGrantSchema)),
  },
  { $id: 'WorkspaceSummary' },
);

export const WorkspaceSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    permissions: PermissionsSchema,
    grant: Type.Optional(ref(ProfessionalGrantSchema)),
    safetyMode: Type.Boolean({
      description:
        'Addresses and locations are withheld from everyone but owners, and from exports, court reports and email',
    }),
    secondFactorRequired: Type.Boolean({
      description:
        'Every person who opens this workspace (API keys aside) must have proven a second factor in their session; people without one are sent to set one up',
    }),
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
    grant: Type.Optional(ref(ProfessionalGrantSchema)),
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
    grant: Type.Optional(ref(ProfessionalGrantSchema)),
    status: Type.Union([
      Type.Literal('pending'),
      Type.Literal('accepted'),
      Type.Literal('revoked'),
      Type.Literal('expired'),
    ]),
  },
  { $id: 'Invite' },
);

export type ProfessionalInput = Static<typeof ProfessionalInviteInput>;
export type Member = Static<typeof MemberSchema>;
export type Invite = Static<typeof InviteSchema>;
export type Workspace = Static<typeof WorkspaceSchema>;
export type WorkspaceSummary = Static<typeof WorkspaceSummarySchema>;

/**
 * What a workspace copies from a person's profile onto their member entry. The profile belongs to
 * the identity module, which depends on this one, so the app hands the workspace routes a reader.
 */
export type MemberProfile = { id: string; email: string; displayName: string; isPendingDeletion: boolean };
export type ReadMemberProfile = (userId: string) => Promise<MemberProfile | undefined>;
