import { describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import { JOBS } from '../src/constructs/scheduled-jobs.js';
import { resolveRef, synthHoldfast, TEST_ALARM_TOPIC_ARN } from './support/synth-holdfast.js';

describe.each(['dev', 'prod'] as const)('scheduled jobs (%s)', (env) => {
  const { stack, template } = synthHoldfast(env);

  it('runs the purge hourly, the outbox drain every minute, the vault sweep and the CE reminders daily, the weekly resources weekly, each its own function', () => {
    expect(JOBS.map((job) => job.id)).toEqual([
      'Purge',
      'OutboxDrain',
      'VaultSweep',
      'CeReminders',
      'WeeklyResources',
    ]);
    for (const [handler, rate] of [
      ['bundle/lambda-jobs.purge', 'rate(1 hour)'],
      ['bundle/lambda-jobs.drainMailOutbox', 'rate(1 minute)'],
      ['bundle/lambda-jobs.sweepVault', 'rate(1 day)'],
      ['bundle/lambda-jobs.sendCeReminders', 'rate(1 day)'],
      ['bundle/lambda-jobs.sendWeeklyResources', 'rate(7 days)'],
    ] as const) {
      const found = template.findResources('AWS::Lambda::Function', { Properties: { Handler: handler } });
      const [logicalId] = Object.keys(found);
      expect(logicalId).toBeDefined();
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: rate,
        State: 'ENABLED',
        Target: Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: Match.anyValue() },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      });
    }
  });

  it('keeps timers out of the functions: the API and every job run the sweep, purge and drain only when scheduled', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const handlers = Object.values(functions).filter((resource) =>
      String((resource as { Properties: { Handler?: string } }).Properties.Handler).startsWith(
        'bundle/lambda',
      ),
    );
    expect(handlers.length).toBeGreaterThan(JOBS.length);
    for (const resource of handlers) {
      const variables = (resource as { Properties: { Environment: { Variables: Record<string, unknown> } } })
        .Properties.Environment.Variables;
      expect(variables).toMatchObject({
        MAIL_OUTBOX_POLL_MS: '0',
        PURGE_INTERVAL_MINUTES: '0',
        VAULT_SWEEP_INTERVAL_MINUTES: '0',
      });
    }
  });

  it('gives every job a dead-letter queue whose depth alarms, and alarms on the job’s errors', () => {
    const alarmAction = [TEST_ALARM_TOPIC_ARN];
    for (const job of JOBS) {
      const queue = stack.scheduledJobs.deadLetterQueues.get(job.id);
      if (queue === undefined) throw new Error(`no dead-letter queue for ${job.id}`);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: resolveRef(stack, queue.queueName) }],
        Threshold: 1,
        AlarmActions: alarmAction,
      });
      const fn = stack.scheduledJobs.functions.get(job.id);
      if (fn === undefined) throw new Error(`no function for ${job.id}`);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: resolveRef(stack, fn.functionName) }],
        AlarmActions: alarmAction,
      });
    }
  });
});
