import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantLogging, LAMBDA_DEFAULTS } from './api-function.js';

/** One scheduled job: its handler in `bundle/lambda-jobs.mjs` and how often it runs. */
export type JobDefinition = {
  id: string;
  handler: string;
  every: Duration;
  timeout: Duration;
  description: string;
};

/**
 * The jobs, each idempotent and safe to run twice (see api/src/lambda-jobs.ts).
 */
export const JOBS: readonly JobDefinition[] = [
  {
    id: 'Purge',
    handler: 'bundle/lambda-jobs.purge',
    every: Duration.hours(1),
    timeout: Duration.minutes(15),
    description: 'Account purge: deletes accounts whose grace period ended, unless on legal hold',
  },
  {
    id: 'OutboxDrain',
    handler: 'bundle/lambda-jobs.drainMailOutbox',
    // Sends go out at once when queued; this pass retries failed ones and recovers expired leases.
    every: Duration.minutes(1),
    timeout: Duration.seconds(50),
    description: 'Mail outbox drain: retries due messages and recovers expired leases',
  },
  {
    id: 'VaultSweep',
    handler: 'bundle/lambda-jobs.sweepVault',
    // Orphans are bytes of uploads that crashed between copy and commit: rare, and harmless meanwhile.
    every: Duration.days(1),
    timeout: Duration.minutes(15),
    description: 'Vault sweep: removes stored bytes no record references, older than an hour',
  },
  {
    id: 'CeReminders',
    handler: 'bundle/lambda-jobs.sendCeReminders',
    // Reminders are due on a day (90, 30 and 7 days before a cycle ends); each is sent once.
    every: Duration.days(1),
    timeout: Duration.minutes(15),
    description: 'CE renewal reminders: sends those due today, once each',
  },
  {
    id: 'WeeklyResources',
    handler: 'bundle/lambda-jobs.sendWeeklyResources',
    // One email per person and ISO week: a retried or repeated run sends nothing more.
    every: Duration.days(7),
    timeout: Duration.minutes(15),
    description: 'Weekly resources email: library items not yet sent, to people who turned it on',
  },
];

/** Props of {@link ScheduledJobs}. */
export type ScheduledJobsProps = {
  codeDir: string;
  role: IRole;
  environment: Record<string, string>;
  alarmTopic: ITopic | undefined;
  namePrefix: string;
};

/**
 * Each job as its own function invoked by an EventBridge Scheduler schedule. A failed invocation
 * is retried twice, then its event goes to the job's dead-letter queue; a message there, or any
 * function error, raises an alarm.
 */
export class ScheduledJobs extends Construct {
  readonly functions = new Map<string, LambdaFunction>();
  readonly deadLetterQueues = new Map<string, Queue>();
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    const notify = props.alarmTopic === undefined ? undefined : new SnsAction(props.alarmTopic);
    const code = Code.fromAsset(props.codeDir);
    for (const job of JOBS) {
      const logGroup = new LogGroup(this, `${job.id}Logs`, { retention: RetentionDays.ONE_MONTH });
      grantLogging(this, `${job.id}LoggingPolicy`, props.role, logGroup);
      const fn = new LambdaFunction(this, `${job.id}Function`, {
        ...LAMBDA_DEFAULTS,
        functionName: `${props.namePrefix}-job-${job.id.toLowerCase()}`,
        description: job.description,
        code,
        handler: job.handler,
        role: props.role,
        logGroup,
        timeout: job.timeout,
        environment: props.environment,
        // One run at a time is enough; a second one would only find nothing left to do.
        reservedConcurrentExecutions: 1,
      });
      const deadLetterQueue = new Queue(this, `${job.id}DeadLetters`, {
        retentionPeriod: Duration.days(14),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      new Schedule(this, `${job.id}Schedule`, {
        description: job.description,
        schedule: ScheduleExpression.rate(job.every),
        target: new LambdaInvoke(fn, {
          deadLetterQueue,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(Math.max(1, Math.min(60, job.every.toMinutes()))),
        }),
      });
      const failed = new Alarm(this, `${job.id}Errors`, {
        alarmDescription: `The ${job.id} job failed`,
        metric: fn.metricErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      const deadLettered = new Alarm(this, `${job.id}DeadLetterDepth`, {
        alarmDescription: `A ${job.id} run gave up after its retries (message in its dead-letter queue)`,
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      for (const alarm of [failed, deadLettered]) {
        if (notify !== undefined) alarm.addAlarmAction(notify);
        this.alarms.push(alarm);
      }
      this.functions.set(job.id, fn);
      this.deadLetterQueues.set(job.id, deadLetterQueue);
    }
  }
}
