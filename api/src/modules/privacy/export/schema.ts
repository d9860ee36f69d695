import { Type, type Static } from 'typebox';
import { stringEnum } from '../../../platform/http/schema-ref.js';

export const ExportSchema = Type.Object(
  {
    id: Type.String(),
    status: stringEnum(['running', 'ready', 'failed', 'expired'] as const),
    phase: stringEnum(['queued', 'records', 'files', 'signing', 'done'] as const),
    done: Type.Integer({ description: 'Entries written so far' }),
    total: Type.Integer({ description: 'Entries the export will hold (0 until counted)' }),
    createdAt: Type.String({ format: 'date-time' }),
    completedAt: Type.Optional(Type.String({ format: 'date-time' })),
    expiresAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'When the download stops working' }),
    ),
    size: Type.Optional(Type.Integer({ description: 'Bytes of the ZIP' })),
    fileCount: Type.Optional(Type.Integer({ description: 'Files listed in the manifest' })),
    manifestSha256: Type.Optional(Type.String({ description: 'SHA-256 of manifest.json' })),
    error: Type.Optional(Type.String({ description: 'Why the export failed, in words' })),
  },
  { $id: 'Export' },
);
export type Export = Static<typeof ExportSchema>;

export const ExportKeySchema = Type.Object(
  {
    algorithm: Type.Literal('Ed25519'),
    keyId: Type.String(),
    publicKey: Type.String({ description: 'SPKI PEM' }),
  },
  { $id: 'ExportKey' },
);
