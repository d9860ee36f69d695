import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { SECRET_SETTINGS, type Environment, type SecretValues } from '../../config.js';

/**
 * Reads the credential settings from AWS Secrets Manager when `SECRETS_PREFIX` is set (the
 * infrastructure names each secret `<prefix><VARIABLE>`) and returns them for the configuration
 * to merge (`mergeSecrets` in config.ts); the environment is only read, never written. A variable
 * already set is not looked up, since its value wins anyway; a secret that exists but was never
 * filled is left out. Any other failure throws: the caller stops the start.
 */
export async function readSecretSettings(environment: Readonly<Environment>): Promise<SecretValues> {
  const prefix = environment.SECRETS_PREFIX;
  if (prefix === undefined || prefix === '') return {};
  const client = new SecretsManagerClient({
    region: environment.AWS_REGION ?? 'us-east-1',
    // A local endpoint (tests) takes throwaway credentials, like the other embedded clients.
    ...(environment.SECRETS_ENDPOINT === undefined
      ? {}
      : {
          endpoint: environment.SECRETS_ENDPOINT,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
  });
  const values: SecretValues = {};
  try {
    for (const variable of SECRET_SETTINGS) {
      if (environment[variable] !== undefined && environment[variable] !== '') continue;
      const value = await readSecret(client, `${prefix}${variable}`);
      if (value !== undefined) values[variable] = value;
    }
  } finally {
    client.destroy();
  }
  return values;
}

async function readSecret(client: SecretsManagerClient, secretId: string): Promise<string | undefined> {
  try {
    const result = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    return result.SecretString === undefined || result.SecretString === '' ? undefined : result.SecretString;
  } catch (error) {
    // A secret created empty has no value yet: Secrets Manager answers ResourceNotFound for it.
    if (error instanceof ResourceNotFoundException) return undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not read the secret ${secretId}: ${reason}`);
  }
}
