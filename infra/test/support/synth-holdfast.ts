import { fileURLToPath } from 'node:url';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { HoldfastEnv } from '../../src/holdfast-env.js';
import { HoldfastStack } from '../../src/holdfast-stack.js';

/** A domain under the reserved `.test` TLD, so no test can name a real sender. */
export const TEST_MAIL_DOMAIN = 'mail.holdfast.test';

/** The API's public URL in tests, also under `.test`. */
export const TEST_API_PUBLIC_URL = 'https://api.holdfast.test';

/** Stands in for the built Lambda code (see its README); the functions' settings are what is tested. */
export const TEST_LAMBDA_CODE_DIR = fileURLToPath(new URL('./lambda-placeholder', import.meta.url));

/** The operators' alarm topic in tests. */
export const TEST_ALARM_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:holdfast-oncall';

/** A synthesized stack and its template; synthesize once per test file, it is the slow part. */
export type SynthesizedHoldfast = { stack: HoldfastStack; template: Template };

/** Builds and synthesizes the whole stack for `env` in a fresh app. */
export function synthHoldfast(env: HoldfastEnv = 'dev'): SynthesizedHoldfast {
  const app = new App();
  const stack = new HoldfastStack(app, `Holdfast-${env}`, {
    env,
    mailDomain: TEST_MAIL_DOMAIN,
    apiPublicUrl: TEST_API_PUBLIC_URL,
    lambdaCodeDir: TEST_LAMBDA_CODE_DIR,
    alarmTopicArn: TEST_ALARM_TOPIC_ARN,
  });
  return { stack, template: Template.fromStack(stack) };
}

/**
 * The template form of a token (a `Ref` or `Fn::GetAtt`), to match references to a construct's
 * resource without hard-coding its generated logical id.
 */
export function resolveRef(stack: Stack, token: string): unknown {
  return stack.resolve(token) as unknown;
}

/** The Properties of the one resource of `type` whose Properties include `match`. */
export function getOnlyResourceProperties(
  template: Template,
  type: string,
  match: Record<string, unknown>,
): Record<string, unknown> {
  const found: Record<string, unknown> = template.findResources(type, { Properties: match });
  const resources = Object.values(found);
  const [resource] = resources;
  if (resources.length !== 1 || !isRecord(resource) || !isRecord(resource['Properties'])) {
    throw new Error(`expected one ${type} matching ${JSON.stringify(match)}, found ${resources.length}`);
  }
  return resource['Properties'];
}

/** An IAM statement as it appears in a synthesized template. */
export type StatementJson = {
  Effect: string;
  Action: string[];
  Resource: unknown[];
};

/** Narrows a template fragment to an object with string keys. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/**
 * Every statement of every identity policy attached to the role with `roleLogicalId`: the
 * role's inline policies and each AWS::IAM::Policy that lists it. Action and Resource are
 * normalized to arrays because CDK writes a single value unwrapped.
 */
export function getRoleStatements(template: Template, roleLogicalId: string): StatementJson[] {
  const resources: unknown = template.toJSON()['Resources'];
  if (!isRecord(resources)) throw new Error('template has no Resources');
  const documents: unknown[] = [];
  for (const resource of Object.values(resources)) {
    if (!isRecord(resource) || !isRecord(resource['Properties'])) continue;
    const properties = resource['Properties'];
    if (resource['Type'] === 'AWS::IAM::Policy') {
      const roles = toArray(properties['Roles']);
      if (roles.some((role) => isRecord(role) && role['Ref'] === roleLogicalId)) {
        documents.push(properties['PolicyDocument']);
      }
    }
  }
  const role = resources[roleLogicalId];
  if (isRecord(role) && isRecord(role['Properties'])) {
    for (const policy of toArray(role['Properties']['Policies'])) {
      if (isRecord(policy)) documents.push(policy['PolicyDocument']);
    }
  }
  return documents.flatMap((document) => {
    if (!isRecord(document)) return [];
    return toArray(document['Statement'])
      .filter(isRecord)
      .map((statement) => ({
        Effect: String(statement['Effect']),
        Action: toArray(statement['Action']).map(String),
        Resource: toArray(statement['Resource']),
      }));
  });
}
