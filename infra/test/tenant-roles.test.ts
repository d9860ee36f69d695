import { describe, expect, it } from '@jest/globals';
import { PLATFORM_PREFIX } from '@holdfast/api/platform/db/keys';
import {
  listTenantRoleLeadingKeys,
  TENANT_ITEM_ACTIONS,
} from '@holdfast/api/platform/db/tenant-session-policy';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { getOnlyResourceProperties, resolveRef, synthHoldfast } from './support/synth-holdfast.js';

const { stack, template } = synthHoldfast('prod');

function logicalIdOf(role: Role): string {
  const cfnRole = role.node.defaultChild;
  if (!(cfnRole instanceof CfnRole)) throw new Error('role has no CfnRole');
  return stack.getLogicalId(cfnRole);
}

const apiRoleId = logicalIdOf(stack.apiService.role);
const tenantRoleId = logicalIdOf(stack.tenantRoles.tenantRole);
const platformRoleId = logicalIdOf(stack.tenantRoles.platformRole);
const tableArn = (name: string) => {
  const table = stack.dataTables.tables.get(name);
  if (table === undefined) throw new Error(`no ${name} table`);
  return resolveRef(stack, table.tableArn);
};

/** The one inline statement of a role's default policy. */
function onlyStatementOf(roleId: string): Record<string, unknown> {
  const properties = getOnlyResourceProperties(template, 'AWS::IAM::Policy', { Roles: [{ Ref: roleId }] });
  const document = properties['PolicyDocument'] as { Statement: Record<string, unknown>[] };
  expect(document.Statement).toHaveLength(1);
  const [statement] = document.Statement;
  if (statement === undefined) throw new Error('no statement');
  return statement;
}

describe('TenantRoles', () => {
  it('lets only the API role assume the tenant and platform roles', () => {
    for (const roleId of [tenantRoleId, platformRoleId]) {
      const resources = template.toJSON()['Resources'] as Record<
        string,
        { Properties: { AssumeRolePolicyDocument: { Statement: unknown[] } } } | undefined
      >;
      const role = resources[roleId];
      if (role === undefined) throw new Error(`no role ${roleId}`);
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::GetAtt': [apiRoleId, 'Arn'] } },
        },
      ]);
    }
  });

  it('gives the tenant role item actions on the main and PHI tables and their indexes, nothing more', () => {
    const statement = onlyStatementOf(tenantRoleId);
    expect(statement['Effect']).toBe('Allow');
    expect(statement['Action']).toEqual([...TENANT_ITEM_ACTIONS]);
    const resources = JSON.stringify(statement['Resource']);
    for (const name of ['main', 'phi']) expect(resources).toContain(JSON.stringify(tableArn(name)));
    expect(resources).not.toMatch(/"\*"/);
    expect(JSON.stringify(statement)).not.toMatch(/Scan|PartiQL|dynamodb:\*|CreateTable|DeleteTable/);
  });

  it('caps the tenant role at tenant partitions and the platform prefixes a tenant’s transaction links', () => {
    const statement = onlyStatementOf(tenantRoleId);
    expect(statement['Condition']).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': listTenantRoleLeadingKeys() },
    });
    const keys = listTenantRoleLeadingKeys();
    expect(keys[0]).toBe('TENANT#*');
    for (const never of ['session', 'signInToken', 'emailChangeToken', 'webhookEvent', 'webhookLog'] as const)
      expect(keys).not.toContain(`${PLATFORM_PREFIX[never]}*`);
    expect(keys).toContain(`${PLATFORM_PREFIX.outbox}*`);
  });

  it('confines the platform role to platform prefixes on the main table', () => {
    const statement = onlyStatementOf(platformRoleId);
    expect(statement['Action']).toEqual([...TENANT_ITEM_ACTIONS]);
    expect(JSON.stringify(statement['Resource'])).not.toContain(JSON.stringify(tableArn('phi')));
    expect(statement['Condition']).toEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': Object.values(PLATFORM_PREFIX).map((prefix) => `${prefix}*`),
      },
    });
    expect(JSON.stringify(statement['Condition'])).not.toContain('TENANT#');
  });

  it('grants the API role sts:AssumeRole on exactly these two roles, in a policy of its own', () => {
    const properties = getOnlyResourceProperties(template, 'AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: apiRoleId }],
      PolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow' }] },
    });
    const document = properties['PolicyDocument'] as { Statement: { Resource: unknown }[] };
    expect(document.Statement[0]?.Resource).toEqual([
      { 'Fn::GetAtt': [tenantRoleId, 'Arn'] },
      { 'Fn::GetAtt': [platformRoleId, 'Arn'] },
    ]);
  });

  it('tells the API function and the jobs which roles to assume', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const environments = Object.values(functions).map(
      (resource) =>
        (resource as { Properties: { Environment?: { Variables?: Record<string, unknown> } } }).Properties
          .Environment?.Variables ?? {},
    );
    const api = environments.filter((variables) => variables['TENANT_ROLE_ARN'] !== undefined);
    expect(api.length).toBeGreaterThan(0);
    for (const variables of api) {
      expect(variables['TENANT_ROLE_ARN']).toEqual({ 'Fn::GetAtt': [tenantRoleId, 'Arn'] });
      expect(variables['PLATFORM_ROLE_ARN']).toEqual({ 'Fn::GetAtt': [platformRoleId, 'Arn'] });
    }
  });
});
