import { Type, type Static } from 'typebox';
import { SAFE_ID_PATTERN } from '../../platform/db/keys.js';
import { IdParam } from '../../platform/http/params.js';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { API_KEY_SCOPES } from '../../platform/tenancy/roles.js';

export const WorkspaceIdParams = Type.Object({
  workspaceId: Type.String({ pattern: SAFE_ID_PATTERN, maxLength: 64, description: 'Workspace (tenant) id' }),
});

export const ApiKeyParams = Type.Object({ workspaceId: IdParam, keyId: IdParam });

export const ScopeSchema = stringEnum(API_KEY_SCOPES);

export const ApiKeyName = Type.String({ minLength: 1, maxLength: 80 });

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

export type ApiKey = Static<typeof ApiKeySchema>;
