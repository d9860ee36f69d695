import { Type, type Static } from 'typebox';
import { ref, stringEnum } from '../../platform/http/schema-ref.js';
import { OPTIONAL_MAIL_KINDS, type OptionalMailKind } from '../../platform/email/templates.js';

export const MailKindSchema = stringEnum(OPTIONAL_MAIL_KINDS, { description: 'An optional kind of email' });

export const EmailPreferenceSchema = Type.Object(
  {
    kind: MailKindSchema,
    label: Type.String(),
    description: Type.String(),
    isOptedIn: Type.Boolean({
      description: 'Whether this kind is sent to the person (off until they opt in)',
    }),
  },
  { $id: 'EmailPreference' },
);
export type EmailPreference = Static<typeof EmailPreferenceSchema>;

export const EmailPreferencesSchema = Type.Object(
  {
    items: Type.Array(ref(EmailPreferenceSchema)),
    transactionalNote: Type.String(),
    updatedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'EmailPreferences' },
);
export type EmailPreferences = Static<typeof EmailPreferencesSchema>;

/** Opt in (true) or out (false) of some kinds; kinds not named keep their setting. */
export const PreferencesPatchSchema = Type.Object(
  {
    onboardingTips: Type.Optional(Type.Boolean()),
    weeklyResources: Type.Optional(Type.Boolean()),
    productUpdates: Type.Optional(Type.Boolean()),
    ceReminders: Type.Optional(Type.Boolean()),
  } satisfies Record<OptionalMailKind, unknown>,
  { additionalProperties: false, minProperties: 1 },
);

export const UnsubscribeTokenSchema = Type.String({
  minLength: 10,
  maxLength: 200,
  pattern: '^[A-Za-z0-9_.-]+$',
});

export const UnsubscribeStateSchema = Type.Object(
  { list: MailKindSchema, label: Type.String(), isOptedIn: Type.Boolean() },
  { $id: 'UnsubscribeState' },
);
export type UnsubscribeState = Static<typeof UnsubscribeStateSchema>;

export const SuppressionSchema = Type.Object(
  {
    email: Type.String(),
    status: stringEnum(['active', 'lifted', 'none'] as const, {
      description: '`none`: never suppressed, only transient bounces counted',
    }),
    reason: Type.Optional(stringEnum(['bounce', 'complaint'] as const)),
    suppressedAt: Type.Optional(Type.String({ format: 'date-time' })),
    events: Type.Integer(),
    liftedAt: Type.Optional(Type.String({ format: 'date-time' })),
    transientBounces: Type.Integer(),
    lastTransientBounceAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'EmailSuppression' },
);

export const NOTIFICATION_SCHEMAS = [
  EmailPreferenceSchema,
  EmailPreferencesSchema,
  UnsubscribeStateSchema,
  SuppressionSchema,
];
