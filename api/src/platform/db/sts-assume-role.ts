import type { AssumeRole, Credentials } from './db-credentials.js';

// Both SDK packages are imported on first use: a container that has not yet served a tenant's call
// (its health check, sign-in, a webhook) starts without parsing them.

/** `sts:AssumeRole` through the STS client, signed with the runtime's own (default) credentials. */
export function createStsAssumeRole(region: string): AssumeRole {
  let loaded: Promise<typeof import('@aws-sdk/client-sts')> | undefined;
  let sts: import('@aws-sdk/client-sts').STSClient | undefined;
  return async ({ roleArn, sessionName, policy, durationSeconds }) => {
    loaded ??= import('@aws-sdk/client-sts');
    const { AssumeRoleCommand, STSClient } = await loaded;
    sts ??= new STSClient({ region, maxAttempts: 2 });
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
  let provider: Promise<() => Promise<Credentials>> | undefined;
  return async () => {
    provider ??= import('@aws-sdk/credential-provider-node').then(({ defaultProvider }) => defaultProvider());
    return (await provider)();
  };
}
