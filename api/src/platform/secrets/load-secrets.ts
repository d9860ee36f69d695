import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { loadConfigOrExit, SECRET_SETTINGS, type Config } from '../../config.js';

type Environment = Record<string, string | undefined>;

/**
 * Reads the credential settings from AWS Secrets Manager into the environment, before the
 * configuration is parsed, when `SECRETS_PREFIX` is set (the infrastructure names each secret
 * `<prefix><VARIABLE>`). A value already in the environment wins, so an operator can override one
 * for a run; a secret that exists but was never filled is skipped (the configuration then says
 * what is missing). Any other failure stops the start: running without the credentials it was
 * deployed with is worse than not running. Returns the variables it filled.
 */
export async function loadSecretsIntoEnvironment(environment: Environment): Promise<string[]> {
  const prefix = environment.SECRETS_PREFIX;
  if (prefix === undefined || prefix === '') return [];
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
  const filled: string[] = [];
  try {
    for (const variable of SECRET_SETTINGS) {
      if (environment[variable] !== undefined && environment[variable] !== '') continue;
      const value = await readSecret(client, `${prefix}${variable}`);
      if (value === undefined) continue;
      environment[variable] = value;
      filled.push(variable);
    }
  } finally {
    client.destroy();
  }
  return filled;
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

/**
 * The configuration of a process entry point (the server, the purge job): the credentials from
 * the secret store when deployed, then the environment parsed. A secret that cannot be read
 * prints why and exits 78 (EX_CONFIG), like a bad environment.
 */
export async function loadProcessConfig(): Promise<Config> {
  try {
    await loadSecretsIntoEnvironment(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(78);
  }
  return loadConfigOrExit();
}
