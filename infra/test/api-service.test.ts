import { describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { getRoleStatements, resolveRef, synthHoldfast } from './support/synth-holdfast.js';

const { stack, template } = synthHoldfast('dev');
const cfnRole = stack.apiService.role.node.defaultChild;
if (!(cfnRole instanceof CfnRole)) throw new Error('ApiRole has no CfnRole');
const roleLogicalId = stack.getLogicalId(cfnRole);
const statements = getRoleStatements(template, roleLogicalId);
const actions = statements.flatMap((statement) => statement.Action);

/** Resources of the statements that allow `action`, resolved to template references. */
function getResourcesAllowing(action: string): unknown[] {
  return statements
    .filter((statement) => statement.Effect === 'Allow' && statement.Action.includes(action))
    .flatMap((statement) => statement.Resource);
}

describe('ApiService role', () => {
  it('is named ApiRole and assumed by the API runtime only', () => {
    expect(roleLogicalId).toMatch(/^ApiServiceApiRole/);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
        ],
      },
    });
  });

  it('gets every permission from the grants in this stack, none from managed policies', () => {
    expect(statements.length).toBeGreaterThan(0);
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { ManagedPolicyArns: Match.absent() },
    });
    expect(Object.keys(roles)).toContain(roleLogicalId);
  });

  it('never allows "*" or a whole service such as dynamodb:*', () => {
    expect(actions).not.toContain('*');
    expect(actions).not.toContain('dynamodb:*');
    expect(actions.filter((action) => /^[^:]+:\*$/.test(action))).toEqual([]);
  });

  it('never allows an action on every resource', () => {
    const resources = statements.flatMap((statement) => statement.Resource);
    expect(resources).not.toContain('*');
  });

  it('touches only DynamoDB, S3, KMS, SES and Secrets Manager', () => {
    const services = new Set(actions.map((action) => action.split(':')[0]));
    expect([...services].sort()).toEqual(['dynamodb', 's3', 'kms', 'ses', 'secretsmanager'].sort());
  });

  it('reads and writes items, never administers tables', () => {
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']),
    );
    const adminActions = actions.filter((action) =>
      /^dynamodb:(Create|Delete|Update)(Table|Backup|GlobalTable)|^dynamodb:(UpdateTimeToLive|RestoreTable)/.test(
        action,
      ),
    );
    expect(adminActions).toEqual([]);
    expect(getResourcesAllowing('dynamodb:PutItem')).toContainEqual(
      resolveRef(stack, stack.dataTables.mainTable.tableArn),
    );
  });

  it('reads and writes blobs of the blob bucket only', () => {
    const bucketArn: unknown = resolveRef(stack, stack.blobBucket.bucket.bucketArn);
    expect(getResourcesAllowing('s3:PutObject')).toContainEqual(bucketArn);
    expect(actions.filter((action) => /^s3:(PutBucket|DeleteBucket)/.test(action))).toEqual([]);
  });

  it('encrypts and decrypts with the PHI key, and cannot manage it', () => {
    const keyArn: unknown = resolveRef(stack, stack.phiKey.key.keyArn);
    expect(getResourcesAllowing('kms:Decrypt')).toEqual([keyArn]);
    expect(getResourcesAllowing('kms:GenerateDataKey*')).toEqual([keyArn]);
    expect(getResourcesAllowing('kms:DescribeKey')).toEqual([keyArn]);
    expect(actions.filter((action) => /^kms:(Schedule|Disable|Put|Create|Delete)/.test(action))).toEqual([]);
  });

  it('sends mail only from the identity with the configuration set', () => {
    const sesActions = actions.filter((action) => action.startsWith('ses:'));
    expect(sesActions).toEqual(['ses:SendEmail']);
    const resources = getResourcesAllowing('ses:SendEmail');
    expect(resources).toHaveLength(2);
    expect(JSON.stringify(resources)).toContain(':identity/');
    expect(JSON.stringify(resources)).toContain(':configuration-set/');
  });
});
