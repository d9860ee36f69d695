import { Type, type Static } from 'typebox';
import { ref, stringEnum } from '../../platform/http/schema-ref.js';
import { EnrolledSchema, PasskeySummarySchema } from './schema.js';

/** Base64url text as WebAuthn JSON carries it, bounded. */
const Base64Url = (maxLength: number) =>
  Type.String({ pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength });

export const PASSKEY_TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;

const ClientExtensionResults = Type.Object(
  {
    credProps: Type.Optional(
      Type.Object({ rk: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

const CredentialBase = {
  id: Base64Url(1024),
  rawId: Base64Url(1024),
  type: Type.Literal('public-key'),
  authenticatorAttachment: Type.Optional(stringEnum(['platform', 'cross-platform'] as const)),
  clientExtensionResults: ClientExtensionResults,
};

export const PasskeyName = Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' });

/** The browser's answer to a registration (`startRegistration` of @simplewebauthn/browser) and a name. */
export const PasskeyRegistrationBodySchema = Type.Object(
  {
    name: PasskeyName,
    response: Type.Object(
      {
        ...CredentialBase,
        response: Type.Object(
          {
            clientDataJSON: Base64Url(4096),
            attestationObject: Base64Url(16_384),
            authenticatorData: Type.Optional(Base64Url(16_384)),
            transports: Type.Optional(Type.Array(stringEnum(PASSKEY_TRANSPORTS), { maxItems: 8 })),
            publicKeyAlgorithm: Type.Optional(Type.Integer({ minimum: -65_535, maximum: 65_535 })),
            publicKey: Type.Optional(Base64Url(4096)),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PasskeyRegistrationBody = Static<typeof PasskeyRegistrationBodySchema>;

/** The browser's answer to an authentication (`startAuthentication`). */
export const PasskeyAuthenticationBodySchema = Type.Object(
  {
    response: Type.Object(
      {
        ...CredentialBase,
        response: Type.Object(
          {
            clientDataJSON: Base64Url(4096),
            authenticatorData: Base64Url(16_384),
            signature: Base64Url(2048),
            userHandle: Type.Optional(Base64Url(1024)),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PasskeyAuthenticationBody = Static<typeof PasskeyAuthenticationBodySchema>;

/** WebAuthn options for the browser, passed as they are to @simplewebauthn/browser. */
export const PasskeyOptionsSchema = Type.Object(
  { challenge: Type.String() },
  { $id: 'PasskeyOptions', additionalProperties: true },
);

export const PasskeyEnrolledSchema = Type.Object(
  { passkey: ref(PasskeySummarySchema), enrolled: ref(EnrolledSchema) },
  { $id: 'PasskeyEnrolled' },
);
