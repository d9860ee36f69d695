import { Duration } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ManagedPolicy, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Props of {@link ApiFunction}. */
export type ApiFunctionProps = {
  /** The built code directory (`api/dist/lambda`), with `bundle/lambda.mjs`. */
  codeDir: string;
  /** The API runtime's role (ApiService); the function runs as it. */
  role: IRole;
  /** The API's environment: the same variables `server.ts` reads. */
  environment: Record<string, string>;
  /** Where alarms notify. */
  alarmTopic: ITopic | undefined;
  namePrefix: string;
};

/** Settings the function is sized with, shared with the job functions. */
export const LAMBDA_DEFAULTS = {
  runtime: Runtime.NODEJS_22_X,
  architecture: Architecture.ARM_64,
  // 1 GB buys a full vCPU share: the app's start (schema compilation) and PDF rendering are CPU-bound.
  memorySize: 1024,
} as const;

/**
 * Grants a function's role writing to its own log group, as a separate customer-managed policy:
 * logging is the runtime's concern, kept apart from the data grants of ApiService.
 */
export function grantLogging(scope: Construct, id: string, role: IRole, logGroup: LogGroup): void {
  new ManagedPolicy(scope, id, {
    description: 'Writes this function’s own log group, nothing else',
    roles: [role],
    statements: [
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    ],
  });
}

/**
 * The API as a Lambda function behind an API Gateway HTTP API. Uploads and downloads go through
 * the function: the vault types, hashes and counts every byte as it is stored, which a presigned
 * upload straight to S3 would skip. The cost is the limit of a synchronous invocation, 6 MB each
 * way (about 4.4 MB of a binary file once base64-encoded); larger files are the README's open item.
 */
export class ApiFunction extends Construct {
  readonly function: LambdaFunction;
  readonly httpApi: HttpApi;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    grantLogging(this, 'LoggingPolicy', props.role, logGroup);
    this.function = new LambdaFunction(this, 'Function', {
      ...LAMBDA_DEFAULTS,
      functionName: `${props.namePrefix}-api`,
      description: 'Holdfast API (Fastify app behind the HTTP API)',
      code: Code.fromAsset(props.codeDir),
      handler: 'bundle/lambda.handler',
      role: props.role,
      logGroup,
      // API Gateway answers 503 after 30 s; the function stops a little before.
      timeout: Duration.seconds(29),
      environment: props.environment,
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${props.namePrefix}-api`,
      description: 'Holdfast API',
      defaultIntegration: new HttpLambdaIntegration('Api', this.function),
      // No corsPreflight: CORS is answered by the app (one allow-list, tested there), not twice.
    });
    const notify = props.alarmTopic === undefined ? undefined : new SnsAction(props.alarmTopic);
    const serverErrors = new Alarm(this, 'ServerErrors', {
      alarmDescription: 'The API answered 5xx five times or more within 5 minutes',
      metric: this.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const throttles = new Alarm(this, 'Throttles', {
      alarmDescription: 'The API function was throttled (concurrency limit reached)',
      metric: this.function.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarms = [serverErrors, throttles];
    for (const alarm of this.alarms) if (notify !== undefined) alarm.addAlarmAction(notify);
  }
}
