import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { CADENCES, MODULES, TIERS } from './plans.js';

const Limit = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
  description: 'null means unlimited',
});

export const EntitlementsSchema = Type.Object(
  {
    modules: Type.Array(stringEnum(MODULES)),
    storageQuotaBytes: Limit,
    aiActionsPerMonth: Limit,
    members: Limit,
  },
  { $id: 'Entitlements' },
);

const EntitlementsRef = Type.Unsafe<Static<typeof EntitlementsSchema>>({ $ref: 'Entitlements#' });

export const BillingSchema = Type.Object(
  {
    isEnabled: Type.Boolean({
      description: 'false: billing is off and every workspace is on the local plan',
    }),
    tier: stringEnum(TIERS),
    planName: Type.String(),
    cadence: Type.Optional(stringEnum(CADENCES)),
    status: Type.Optional(Type.String({ description: 'Stripe subscription status' })),
    trialEnd: Type.Optional(Type.String({ format: 'date-time' })),
    trialDaysLeft: Type.Optional(Type.Integer({ minimum: 0 })),
    currentPeriodEnd: Type.Optional(Type.String({ format: 'date-time' })),
    cancelAtPeriodEnd: Type.Optional(Type.Boolean()),
    graceEndsAt: Type.Optional(Type.String({ format: 'date-time' })),
    isReadOnly: Type.Boolean(),
    hasCustomer: Type.Boolean(),
    entitlements: EntitlementsRef,
    plans: Type.Array(
      Type.Object({
        tier: stringEnum(['plus', 'pro'] as const),
        name: Type.String(),
        trialDays: Type.Integer(),
        entitlements: EntitlementsRef,
        prices: Type.Array(
          Type.Object({
            cadence: stringEnum(CADENCES),
            amount: Type.Integer({ minimum: 0, description: 'in the smallest currency unit' }),
            currency: Type.String({ description: 'ISO 4217, lower case' }),
          }),
          {
            description:
              'What the plan costs per cadence, as Stripe says; empty when Stripe cannot be reached',
          },
        ),
      }),
    ),
  },
  { $id: 'Billing' },
);
export type Billing = Static<typeof BillingSchema>;

export const InvoiceSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.Optional(Type.String()),
    status: Type.String(),
    amountPaid: Type.Integer({ description: 'in the smallest currency unit' }),
    currency: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    url: Type.Optional(Type.String({ description: 'Stripe-hosted invoice page' })),
  },
  { $id: 'Invoice' },
);
export type Invoice = Static<typeof InvoiceSchema>;

export const CheckoutInputSchema = Type.Object(
  { tier: stringEnum(['plus', 'pro'] as const), cadence: stringEnum(CADENCES) },
  { additionalProperties: false },
);
