import { CfnOutput, Stack, Tags, type Environment, type StackProps } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { parseApiPublicUrl } from './api-public-url.js';
import { ApiSecrets } from './constructs/api-secrets.js';
import { ApiFunction } from './constructs/api-function.js';
import { ApiService } from './constructs/api-service.js';
import { BlobBucket } from './constructs/blob-bucket.js';
import { DataTables } from './constructs/data-tables.js';
import { MailEventsWebhook } from './constructs/mail-events-webhook.js';
import { MailIdentity } from './constructs/mail-identity.js';
import { PhiKey } from './constructs/phi-key.js';
import { ScheduledJobs } from './constructs/scheduled-jobs.js';
import { TableAlarms } from './constructs/table-alarms.js';
import { TenantRoles } from './constructs/tenant-roles.js';
import { WebDistribution } from './constructs/web-distribution.js';
import { getResourcePrefix, type HoldfastEnv } from './holdfast-env.js';

/**
 * Props of {@link HoldfastStack}. `env` is the Holdfast environment; the AWS account and region,
 * which CDK calls `env`, go in `awsEnv` (omit it for an environment-agnostic template).
 */
export type HoldfastStackProps = Omit<StackProps, 'env'> & {
  env: HoldfastEnv;
  mailDomain: string;
  /**
   * The https URL the API is served at (its API_PUBLIC_URL); SNS posts the mail events to
   * `<apiPublicUrl>/webhooks/sns`. Anything but an https URL fails synthesis.
   */
  apiPublicUrl: string;
  /**
   * The built Lambda code (`api/dist/lambda`, see `requireLambdaCodeDir`); tests pass a
   * placeholder folder, since they check the functions' configuration, not their code.
   */
  lambdaCodeDir: string;
  /**
   * The SNS topic every alarm notifies (the operators' existing on-call or chat topic, `-c
   * alarmTopicArn=`). Without it the alarms still exist and show in CloudWatch, but notify nobody.
   */
  alarmTopicArn?: string;
  awsEnv?: Environment;
};

/** All production resources of one Holdfast environment. */
export class HoldfastStack extends Stack {
  /** The Holdfast environment this stack belongs to. */
  readonly holdfastEnv: HoldfastEnv;
  /** DynamoDB tables built from the API's table definition. */
  readonly dataTables: DataTables;
  /** The PHI customer-managed key. */
  readonly phiKey: PhiKey;
  /** The vault's blob bucket. */
  readonly blobBucket: BlobBucket;
  /** The SES identity, configuration set and events topic. */
  readonly mailIdentity: MailIdentity;
  /** The API's webhook subscription to the mail events topic, with its dead-letter queue. */
  readonly mailEventsWebhook: MailEventsWebhook;
  /** The secrets of the API's configuration. */
  readonly apiSecrets: ApiSecrets;
  /** The API runtime's role. */
  readonly apiService: ApiService;
  /** The tenant and platform roles the API assumes for its DynamoDB calls. */
  readonly tenantRoles: TenantRoles;
  /** Where every alarm notifies, when configured. */
  readonly alarmTopic: ITopic | undefined;
  /** The API on Lambda behind the HTTP API. */
  readonly apiFunction: ApiFunction;
  /** The scheduled jobs, their schedules and dead-letter queues. */
  readonly scheduledJobs: ScheduledJobs;
  /** The SPA's bucket and CloudFront distribution. */
  readonly web: WebDistribution;

  constructor(scope: Construct, id: string, props: HoldfastStackProps) {
    const { env, mailDomain, apiPublicUrl, lambdaCodeDir, alarmTopicArn, awsEnv, ...stackProps } = props;
    super(scope, id, { ...stackProps, env: awsEnv });
    // Before any resource, so a bad URL stops synthesis with this message and nothing else.
    const apiBaseUrl = parseApiPublicUrl(apiPublicUrl);
    this.holdfastEnv = env;
    const namePrefix = getResourcePrefix(env);
    Tags.of(this).add('holdfast:env', env);

    this.dataTables = new DataTables(this, 'DataTables', { namePrefix });
    this.phiKey = new PhiKey(this, 'PhiKey', { env });
    this.blobBucket = new BlobBucket(this, 'BlobBucket');
    this.mailIdentity = new MailIdentity(this, 'MailIdentity', { domain: mailDomain, namePrefix });
    this.mailEventsWebhook = new MailEventsWebhook(this, 'MailEventsWebhook', {
      topic: this.mailIdentity.eventsTopic,
      apiPublicUrl: apiBaseUrl,
      namePrefix,
    });
    this.apiSecrets = new ApiSecrets(this, 'ApiSecrets', { namePrefix });
    this.apiService = new ApiService(this, 'ApiService', {
      // The design leaves Lambda or containers open; Lambda is the first target. Switching to
      // ECS only changes this principal, the grants stay.
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      tables: [...this.dataTables.tables.values()],
      blobs: this.blobBucket.bucket,
      phiKey: this.phiKey.key,
      mail: this.mailIdentity,
      secrets: this.apiSecrets,
    });

    this.tenantRoles = new TenantRoles(this, 'TenantRoles', {
      apiRole: this.apiService.role,
      tenantTables: [...this.dataTables.tables.values()],
      mainTable: this.dataTables.mainTable,
    });

    this.alarmTopic =
      alarmTopicArn === undefined ? undefined : Topic.fromTopicArn(this, 'AlarmTopic', alarmTopicArn);
    new TableAlarms(this, 'TableAlarms', { tables: this.dataTables.tables, alarmTopic: this.alarmTopic });
    this.web = new WebDistribution(this, 'Web', { apiOrigin: new URL(apiBaseUrl).origin });
    // The same variables an operator would give `server.ts`; credentials come from SECRETS_PREFIX.
    const runtimeEnvironment: Record<string, string> = {
      HOLDFAST_ENV: env,
      NODE_ENV: 'production',
      WEB_ORIGIN: `https://${this.web.distribution.distributionDomainName}`,
      API_PUBLIC_URL: apiBaseUrl,
      SECRETS_PREFIX: `${namePrefix}/`,
      TABLE_PREFIX: namePrefix,
      BLOB_BUCKET: this.blobBucket.bucket.bucketName,
      PHI_KEYRING: 'kms',
      PHI_KMS_KEY_ID: this.phiKey.aliasName,
      // Each tenant's DynamoDB calls are signed with a session of this role narrowed to the tenant.
      TENANT_ROLE_ARN: this.tenantRoles.tenantRole.roleArn,
      PLATFORM_ROLE_ARN: this.tenantRoles.platformRole.roleArn,
      MAIL_FROM: `Holdfast <no-reply@${mailDomain}>`,
      SNS_TOPIC_ARNS: this.mailIdentity.eventsTopic.topicArn,
      // No timers inside a function: the outbox drain, the purge and the vault sweep run as scheduled jobs.
      MAIL_OUTBOX_POLL_MS: '0',
      PURGE_INTERVAL_MINUTES: '0',
      VAULT_SWEEP_INTERVAL_MINUTES: '0',
    };
    this.apiFunction = new ApiFunction(this, 'Api', {
      codeDir: lambdaCodeDir,
      role: this.apiService.role,
      environment: runtimeEnvironment,
      alarmTopic: this.alarmTopic,
      namePrefix,
    });
    this.scheduledJobs = new ScheduledJobs(this, 'Jobs', {
      codeDir: lambdaCodeDir,
      role: this.apiService.role,
      environment: runtimeEnvironment,
      alarmTopic: this.alarmTopic,
      namePrefix,
    });

    // The values the API's configuration needs, readable with `aws cloudformation describe-stacks`.
    new CfnOutput(this, 'MainTableName', { value: this.dataTables.mainTable.tableName });
    new CfnOutput(this, 'BlobBucketName', { value: this.blobBucket.bucket.bucketName });
    new CfnOutput(this, 'PhiKeyAlias', { value: this.phiKey.aliasName });
    new CfnOutput(this, 'PhiKeyArn', { value: this.phiKey.key.keyArn });
    new CfnOutput(this, 'MailConfigurationSetName', {
      value: this.mailIdentity.configurationSet.configurationSetName,
    });
    new CfnOutput(this, 'MailEventsTopicArn', { value: this.mailIdentity.eventsTopic.topicArn });
    // The API accepts SNS messages only from allow-listed topics: without this line in its
    // environment every bounce and complaint is refused.
    new CfnOutput(this, 'ApiEnvSnsTopicArns', {
      description: 'Line for the API environment: the webhook accepts this topic only when listed',
      value: `SNS_TOPIC_ARNS=${this.mailIdentity.eventsTopic.topicArn}`,
    });
    new CfnOutput(this, 'ApiEnvApiPublicUrl', {
      description: 'Line for the API environment: the URL SNS posts mail events to is under it',
      value: `API_PUBLIC_URL=${apiBaseUrl}`,
    });
    new CfnOutput(this, 'ApiEnvSecretsPrefix', {
      description: 'Line for the API environment: it reads its secrets, named <prefix><VARIABLE>, at start',
      value: `SECRETS_PREFIX=${namePrefix}/`,
    });
    new CfnOutput(this, 'MailEventsDeadLetterQueueUrl', {
      value: this.mailEventsWebhook.deadLetterQueue.queueUrl,
    });
    for (const [variable, secret] of this.apiSecrets.secrets) {
      new CfnOutput(this, `SecretArn${toPascalCase(variable)}`, {
        description: `Secrets Manager secret holding the API's ${variable}`,
        value: secret.secretArn,
      });
    }
    new CfnOutput(this, 'ApiRoleArn', { value: this.apiService.role.roleArn });
    new CfnOutput(this, 'HttpApiUrl', {
      description: 'The API endpoint; map a custom domain to it, or use it as apiPublicUrl',
      value: this.apiFunction.httpApi.apiEndpoint,
    });
    new CfnOutput(this, 'WebBucketName', { value: this.web.bucket.bucketName });
    new CfnOutput(this, 'WebDistributionId', { value: this.web.distribution.distributionId });
    new CfnOutput(this, 'WebUrl', { value: `https://${this.web.distribution.distributionDomainName}` });
  }
}

/** `SESSION_SECRET` -> `SessionSecret`, for output ids (letters and digits only). */
function toPascalCase(variable: string): string {
  return variable
    .toLowerCase()
    .split('_')
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
}
