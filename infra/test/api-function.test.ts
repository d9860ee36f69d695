import { describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { JOBS } from '../src/constructs/scheduled-jobs.js';
import {
  getRoleStatements,
  resolveRef,
  synthHoldfast,
  TEST_ALARM_TOPIC_ARN,
} from './support/synth-holdfast.js';

describe.each(['dev', 'prod'] as const)('the API on Lambda (%s)', (env) => {
  const { stack, template } = synthHoldfast(env);
  const cfnRole = stack.apiService.role.node.defaultChild;
  if (!(cfnRole instanceof CfnRole)) throw new Error('ApiRole has no CfnRole');
  const roleLogicalId = stack.getLogicalId(cfnRole);

  it('runs the bundled entry on Node 22 as the API role, with the runtime configuration', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: `holdfast-${env}-api`,
      Handler: 'bundle/lambda.handler',
      Runtime: 'nodejs22.x',
      Role: resolveRef(stack, stack.apiService.role.roleArn),
      Environment: {
        Variables: Match.objectLike({
          HOLDFAST_ENV: env,
          SECRETS_PREFIX: `holdfast-${env}/`,
          TABLE_PREFIX: `holdfast-${env}`,
          PHI_KEYRING: 'kms',
          PHI_KMS_KEY_ID: `alias/holdfast-phi-${env}`,
          API_PUBLIC_URL: 'https://api.holdfast.test',
          MAIL_OUTBOX_POLL_MS: '0',
          PURGE_INTERVAL_MINUTES: '0',
        }),
      },
    });
  });

  it('is served by an HTTP API (API Gateway v2) whose every route goes to the function', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: resolveRef(stack, stack.apiFunction.function.functionArn),
    });
  });

  it('gives the API role no wildcard table access: only named tables and their indexes', () => {
    const statements = getRoleStatements(template, roleLogicalId);
    const dynamoResources = statements
      .filter((statement) => statement.Action.some((action) => action.startsWith('dynamodb:')))
      .flatMap((statement) => statement.Resource);
    expect(dynamoResources.length).toBeGreaterThan(0);
    const text = JSON.stringify(dynamoResources);
    expect(dynamoResources).not.toContain('*');
    expect(text).not.toMatch(/:table\/\*/);
    for (const table of stack.dataTables.tables.values()) {
      expect(dynamoResources).toContainEqual(resolveRef(stack, table.tableArn));
    }
  });

  it('writes logs only to its own log groups, through a separate policy', () => {
    const policies = template.findResources('AWS::IAM::ManagedPolicy');
    const statements = Object.values(policies)
      .flatMap((policy) => JSON.stringify((policy as { Properties: unknown }).Properties))
      // The other managed policy lets the API assume its tenant and platform roles.
      .filter((statement) => statement.includes('logs:'));
    // One logging policy per function: the API and each scheduled job.
    expect(statements.length).toBe(1 + JOBS.length);
    for (const statement of statements) {
      expect(statement).toContain('logs:PutLogEvents');
      expect(statement).not.toContain('"Resource":"*"');
    }
  });

  it('P-LOG-3 keeps every log group of the stack at most 30 days', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    // One per function (the API and each scheduled job): a function writing to a group it did not
    // declare would get one created with no expiry.
    expect(groups.length).toBeGreaterThanOrEqual(
      Object.keys(template.findResources('AWS::Lambda::Function')).length,
    );
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const group of groups) {
      const days: unknown = (group as { Properties?: { RetentionInDays?: unknown } }).Properties
        ?.RetentionInDays;
      expect(typeof days).toBe('number');
      expect(days as number).toBeLessThanOrEqual(30);
    }
  });

  it('alarms on 5xx answers and on throttling, to the alarm topic', () => {
    const alarmAction = [TEST_ALARM_TOPIC_ARN];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5xx',
      Namespace: 'AWS/ApiGateway',
      AlarmActions: alarmAction,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Throttles',
      Namespace: 'AWS/Lambda',
      AlarmActions: alarmAction,
    });
  });

  it('keeps 35 days of point-in-time recovery and deletion protection on every table, and alarms on throttles', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(stack.dataTables.tables.size);
    for (const table of Object.values(tables)) {
      expect(table).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: {
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
        },
      });
    }
    const throttleAlarms = template.findResources('AWS::CloudWatch::Alarm', {
      Properties: { AlarmDescription: Match.stringLikeRegexp('^DynamoDB throttled') },
    });
    expect(Object.keys(throttleAlarms)).toHaveLength(stack.dataTables.tables.size);
  });
});
