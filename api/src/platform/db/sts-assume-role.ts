import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AssumeRole, Credentials } from './db-credentials.js';

/** `sts:AssumeRole` through the STS client, signed with the runtime's own (default) credentials. */
export function createStsAssumeRole(region: string): AssumeRole {
  const sts = new STSClient({ region, maxAttempts: 2 });
  return async ({ roleArn, sessionName, policy, durationSeconds }) => {
    const answer = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: sessionName,
        DurationSeconds: durationSeconds,
        ...(policy === undefined ? {} : { Policy: policy }),
      }),
    );
    const credentials = answer.Credentials;
    if (
      credentials?.AccessKeyId === undefined ||
      credentials.SecretAccessKey === undefined ||
      credentials.Expiration === undefined
    )
      throw new Error('sts:AssumeRole answered without credentials');
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      ...(credentials.SessionToken === undefined ? {} : { sessionToken: credentials.SessionToken }),
      expiration: credentials.Expiration,
    };
  };
}

/** The SDK's default credential chain (the Lambda role's credentials when deployed). */
export function defaultCredentials(): () => Promise<Credentials> {
  return defaultProvider();
}
