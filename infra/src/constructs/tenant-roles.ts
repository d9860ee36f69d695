import { PLATFORM_PREFIX } from '@holdfast/api/platform/db/keys';
import {
  listTenantRoleLeadingKeys,
  TENANT_ITEM_ACTIONS,
} from '@holdfast/api/platform/db/tenant-session-policy';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement, Role, type IRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Props of {@link TenantRoles}. */
export type TenantRolesProps = {
  /** The API runtime's role, the only principal that may assume these roles. */
  apiRole: IRole;
  /** Tables holding tenant items (`TENANT#<id>` partitions): the main and PHI tables. */
  tenantTables: readonly ITable[];
  /** The table holding platform (tenant-less) items. */
  mainTable: ITable;
};

function itemResources(tables: readonly ITable[]): string[] {
  return tables.flatMap((table) => [table.tableArn, `${table.tableArn}/index/*`]);
}

/**
 * The roles the API assumes so that IAM, not only code, keeps tenants apart (DESIGN: the tenant
 * comes only from the verified token):
 * - the tenant role: item actions on the tenant tables, only for tenant partitions and the few
 *   platform prefixes a tenant's transaction links (its email in the outbox, an invite's code, ...);
 *   the API always assumes it with a session policy naming one tenant's partitions, and for such a
 *   transaction exactly the prefixes it names (`buildTenantSessionPolicy`), so a session reaches
 *   only that tenant's items and those;
 * - the platform role: item actions on the main table, only for the declared platform prefixes.
 * Neither can scan, run PartiQL or administer a table.
 */
export class TenantRoles extends Construct {
  readonly tenantRole: Role;
  readonly platformRole: Role;

  constructor(scope: Construct, id: string, props: TenantRolesProps) {
    super(scope, id);
    this.tenantRole = new Role(this, 'TenantRole', {
      assumedBy: props.apiRole,
      description: 'Holdfast API, one tenant per session: narrowed by a session policy to that tenant',
    });
    this.tenantRole.addToPolicy(
      new PolicyStatement({
        actions: [...TENANT_ITEM_ACTIONS],
        resources: itemResources(props.tenantTables),
        // A ceiling under every session: never sessions, sign-in tokens, the webhook ledger or other
        // platform items, whatever session policy the API passes.
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': listTenantRoleLeadingKeys() },
        },
      }),
    );
    this.platformRole = new Role(this, 'PlatformRole', {
      assumedBy: props.apiRole,
      description:
        'Holdfast API: platform items only (sessions, sign-in tokens, webhook ledger, suppression)',
    });
    this.platformRole.addToPolicy(
      new PolicyStatement({
        actions: [...TENANT_ITEM_ACTIONS],
        resources: itemResources([props.mainTable]),
        conditions: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': Object.values(PLATFORM_PREFIX).map((prefix) => `${prefix}*`),
          },
        },
      }),
    );
    // Kept apart from ApiService's data grants, as the logging policy is: assuming these two roles
    // is the API role's only STS permission.
    new ManagedPolicy(this, 'AssumePolicy', {
      description: 'Assumes the tenant and platform roles, nothing else',
      roles: [props.apiRole],
      statements: [
        new PolicyStatement({
          actions: ['sts:AssumeRole'],
          resources: [this.tenantRole.roleArn, this.platformRole.roleArn],
        }),
      ],
    });
  }
}
