import { describe, expect, it } from '@jest/globals';
import { ConfigSchema, SECRET_SETTINGS } from '@holdfast/api/config';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { API_SECRETS } from '../src/constructs/api-secrets.js';
import {
  getOnlyResourceProperties,
  getRoleStatements,
  resolveRef,
  synthHoldfast,
} from './support/synth-holdfast.js';

const { stack, template } = synthHoldfast('dev');
const secrets = stack.apiSecrets.secrets;
const secretArns = [...secrets.values()].map((secret) => resolveRef(stack, secret.secretArn));
const cfnRole = stack.apiService.role.node.defaultChild;
if (!(cfnRole instanceof CfnRole)) throw new Error('ApiRole has no CfnRole');
const statements = getRoleStatements(template, stack.getLogicalId(cfnRole));
const secretStatements = statements.filter((statement) =>
  statement.Action.some((action) => action.startsWith('secretsmanager:')),
);

// Variables of the API's configuration that hold no secret: public keys and ids, a key the API
// refuses outside the embedded default, and where the secrets themselves are found. Anything else
// named like a secret must have one.
const NOT_SECRET = new Set([
  'CLERK_PUBLISHABLE_KEY',
  'CLERK_JWT_KEY',
  'PHI_LOCAL_ROOT_KEY',
  'SECRETS_PREFIX',
  'SECRETS_ENDPOINT',
]);

describe('ApiSecrets', () => {
  it('has a secret for every secret-valued variable of the API configuration', () => {
    const secretLike = Object.keys(ConfigSchema.properties).filter(
      (name) => /SECRET|_KEY$/.test(name) && !NOT_SECRET.has(name),
    );
    expect([...secrets.keys()].sort()).toEqual(secretLike.sort());
    // ... and exactly the settings the API reads from the secret store at start.
    expect([...secrets.keys()].sort()).toEqual([...SECRET_SETTINGS].sort());
  });

  it.each(API_SECRETS.map((spec) => [spec.variable, spec] as const))(
    '%s exists, named per environment, described, and outlives the stack',
    (variable, spec) => {
      expect(Object.keys(ConfigSchema.properties)).toContain(variable);
      template.hasResource('AWS::SecretsManager::Secret', {
        Properties: { Name: `holdfast-dev/${variable}`, Description: spec.description },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    },
  );

  it('generates SESSION_SECRET, long enough for the API (at least 32 characters)', () => {
    const properties = getOnlyResourceProperties(template, 'AWS::SecretsManager::Secret', {
      Name: 'holdfast-dev/SESSION_SECRET',
    });
    expect(properties['GenerateSecretString']).toEqual({ PasswordLength: 64, ExcludePunctuation: true });
    expect(properties['SecretString']).toBeUndefined();
  });

  it.each(API_SECRETS.filter((spec) => spec.source === 'operator').map((spec) => [spec.variable] as const))(
    '%s is created empty for an operator to fill (no value, none generated)',
    (variable) => {
      const properties = getOnlyResourceProperties(template, 'AWS::SecretsManager::Secret', {
        Name: `holdfast-dev/${variable}`,
      });
      expect(properties['SecretString']).toBeUndefined();
      expect(properties['GenerateSecretString']).toBeUndefined();
    },
  );

  it('puts no secret value anywhere in the template', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toContain('"SecretString"');
    expect(json).not.toMatch(/(sk|rk)_(live|test)_[A-Za-z0-9]/);
    expect(json).not.toMatch(/whsec_[A-Za-z0-9]/);
    expect(json).not.toContain('BEGIN PRIVATE KEY');
  });

  it('is encrypted with the aws/secretsmanager key, so reading needs no KMS grant', () => {
    for (const variable of secrets.keys()) {
      const properties = getOnlyResourceProperties(template, 'AWS::SecretsManager::Secret', {
        Name: `holdfast-dev/${variable}`,
      });
      expect(properties['KmsKeyId']).toBeUndefined();
    }
  });

  it('lets the API role get the value of exactly these secrets', () => {
    const readable = secretStatements
      .filter((statement) => statement.Effect === 'Allow')
      .filter((statement) => statement.Action.includes('secretsmanager:GetSecretValue'))
      .flatMap((statement) => statement.Resource);
    expect(readable).toHaveLength(secrets.size);
    expect(readable).toEqual(expect.arrayContaining(secretArns));
  });

  it('allows nothing broader on Secrets Manager: no other action, resource or wildcard', () => {
    expect(secretStatements.length).toBeGreaterThan(0);
    for (const statement of secretStatements) {
      expect(statement.Effect).toBe('Allow');
      expect([...statement.Action].sort()).toEqual(
        ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'].sort(),
      );
      for (const resource of statement.Resource) expect(secretArns).toContainEqual(resource);
      expect(JSON.stringify(statement.Resource)).not.toContain('*');
    }
  });

  it('outputs the SECRETS_PREFIX line under which the API finds them', () => {
    template.hasOutput('ApiEnvSecretsPrefix', { Value: 'SECRETS_PREFIX=holdfast-dev/' });
  });

  it('outputs the ARN of each secret', () => {
    for (const [variable, secret] of secrets) {
      const outputs = template.findOutputs('*', { Value: resolveRef(stack, secret.secretArn) });
      expect(Object.values(outputs).map((output: { Description?: string }) => output.Description)).toEqual([
        `Secrets Manager secret holding the API's ${variable}`,
      ]);
    }
  });
});
