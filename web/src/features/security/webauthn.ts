import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/** Transports the API accepts; a browser may report newer ones, which are simply left out. */
const TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;
type Transport = (typeof TRANSPORTS)[number];

function isTransport(value: string): value is Transport {
  return (TRANSPORTS as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The API's registration options, checked to be what the browser's WebAuthn call needs. */
export function isCreationOptions(value: unknown): value is PublicKeyCredentialCreationOptionsJSON {
  return isRecord(value) && typeof value.challenge === 'string' && isRecord(value.rp) && isRecord(value.user);
}

/** The API's authentication options, checked likewise. */
export function isRequestOptions(value: unknown): value is PublicKeyCredentialRequestOptionsJSON {
  return isRecord(value) && typeof value.challenge === 'string';
}

/** The browser's registration answer in the shape the API's schema accepts. */
export function toRegistrationBody(response: RegistrationResponseJSON) {
  const { transports, ...rest } = response.response;
  return {
    ...response,
    response: {
      ...rest,
      ...(transports === undefined ? {} : { transports: transports.filter(isTransport) }),
    },
  };
}
