import { Role, type IPrincipal } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ApiSecrets } from './api-secrets.js';
import type { MailIdentity } from './mail-identity.js';

/** Props of {@link ApiService}. */
export type ApiServiceProps = {
  /** Who runs the API and assumes its role (a Lambda or ECS task service principal). */
  assumedBy: IPrincipal;
  /** Tables the API reads and writes items in. */
  tables: readonly ITable[];
  /** The blob bucket of the vault. */
  blobs: IBucket;
  /** The PHI key the API wraps and unwraps data keys with. */
  phiKey: IKey;
  /** The identity and configuration set the API sends mail with. */
  mail: MailIdentity;
  /** The secrets of the API's configuration; the role reads these and no other secret. */
  secrets: ApiSecrets;
};

/**
 * The identity the API runtime runs as. Every permission comes from a resource's `grant*` method,
 * scoped to that resource and to item-level actions only: the API can never create, delete or
 * reconfigure a table, bucket, key, identity or secret.
 */
export class ApiService extends Construct {
  /** The role the API's compute assumes. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ApiServiceProps) {
    super(scope, id);
    this.role = new Role(this, 'ApiRole', {
      assumedBy: props.assumedBy,
      description: 'Holdfast API runtime: item, object, PHI key, send-mail and own-secret access only',
    });
    for (const table of props.tables) table.grantReadWriteData(this.role);
    props.blobs.grantReadWrite(this.role);
    props.phiKey.grantEncryptDecrypt(this.role);
    // The API resolves the PHI key's alias to its ARN once at start (its wrapped keys name the ARN).
    props.phiKey.grant(this.role, 'kms:DescribeKey');
    props.mail.grantSendEmail(this.role);
    props.secrets.grantRead(this.role);
  }
}
