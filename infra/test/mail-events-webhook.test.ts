import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@holdfast/api/config';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { MailEventsWebhook } from '../src/constructs/mail-events-webhook.js';
import { HoldfastStack } from '../src/holdfast-stack.js';
import {
  getOnlyResourceProperties,
  isRecord,
  resolveRef,
  synthHoldfast,
  TEST_API_PUBLIC_URL,
  TEST_LAMBDA_CODE_DIR,
  TEST_MAIL_DOMAIN,
} from './support/synth-holdfast.js';

const { stack, template } = synthHoldfast('dev');
const webhook = stack.mailEventsWebhook;
const topicArn = resolveRef(stack, stack.mailIdentity.eventsTopic.topicArn);
const queueArn = resolveRef(stack, webhook.deadLetterQueue.queueArn);
const subscription = getOnlyResourceProperties(template, 'AWS::SNS::Subscription', {
  TopicArn: topicArn,
});

/** The endpoint a bare stack subscribes for `apiPublicUrl` (milliseconds, no whole stack). */
function endpointFor(apiPublicUrl: string): unknown {
  const bare = new Stack(new App(), 'Webhook');
  const topic = new Topic(bare, 'Topic');
  new MailEventsWebhook(bare, 'Webhook', { topic, apiPublicUrl, namePrefix: 'holdfast-dev' });
  return getOnlyResourceProperties(Template.fromStack(bare), 'AWS::SNS::Subscription', {})['Endpoint'];
}

function synthWithApiUrl(apiPublicUrl: string): void {
  new HoldfastStack(new App(), 'Holdfast-dev', {
    env: 'dev',
    mailDomain: TEST_MAIL_DOMAIN,
    apiPublicUrl,
    lambdaCodeDir: TEST_LAMBDA_CODE_DIR,
  });
}

/** The longest SNS can keep retrying under a healthy retry policy: every backoff delay is at most the max. */
function getLongestRetrySeconds(policy: Record<string, unknown>): number {
  const count = (key: string): number => (typeof policy[key] === 'number' ? policy[key] : 0);
  const minDelay = count('minDelayTarget');
  const maxDelay = count('maxDelayTarget');
  const backoffRetries = count('numRetries') - count('numNoDelayRetries') - count('numMinDelayRetries');
  return count('numMinDelayRetries') * minDelay + backoffRetries * maxDelay;
}

describe('MailEventsWebhook', () => {
  it('subscribes the API webhook <apiPublicUrl>/webhooks/sns over https to the mail events topic', () => {
    expect(subscription).toMatchObject({
      Protocol: 'https',
      Endpoint: `${TEST_API_PUBLIC_URL}/webhooks/sns`,
      TopicArn: topicArn,
    });
    template.resourceCountIs('AWS::SNS::Subscription', 1);
  });

  it('delivers the signed SNS envelope (raw message delivery off), which the API verifies', () => {
    expect(subscription['RawMessageDelivery'] ?? false).toBe(false);
  });

  it('appends the webhook path to the URL whatever its trailing slash or path prefix', () => {
    expect(endpointFor('https://api.holdfast.test/')).toBe('https://api.holdfast.test/webhooks/sns');
    expect(endpointFor('https://holdfast.test/api/')).toBe('https://holdfast.test/api/webhooks/sns');
  });

  it('fails synthesis, saying why, for an API URL that is not https', () => {
    expect(() => synthWithApiUrl('http://api.holdfast.test')).toThrow(
      'apiPublicUrl must be an https:// URL (got http://) (got "http://api.holdfast.test")',
    );
    expect(() => synthWithApiUrl('api.holdfast.test')).toThrow(/apiPublicUrl is not a URL/);
    expect(() => synthWithApiUrl('')).toThrow(/apiPublicUrl is required/);
    expect(() => synthWithApiUrl('https://user:pass@api.holdfast.test')).toThrow(/credentials/);
    expect(() => synthWithApiUrl('https://api.holdfast.test/?x=1')).toThrow(/query/);
  });

  it('sends what SNS gives up on to the dead-letter queue (redrive policy)', () => {
    expect(subscription['RedrivePolicy']).toEqual({ deadLetterTargetArn: queueArn });
  });

  it('keeps dead letters encrypted, over TLS only, for 14 days', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'holdfast-dev-mail-events-dlq',
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('lets SNS send to the dead-letter queue for this topic only', () => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [resolveRef(stack, webhook.deadLetterQueue.queueUrl)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'sns.amazonaws.com' },
            Resource: queueArn,
            Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
          }),
        ]),
      },
    });
  });

  it('retries with backoff, within the freshness window the API accepts and SNS allows', () => {
    const deliveryPolicy = subscription['DeliveryPolicy'];
    const retry = isRecord(deliveryPolicy) ? deliveryPolicy['healthyRetryPolicy'] : undefined;
    if (!isRecord(retry)) throw new Error('the subscription has no healthyRetryPolicy');
    expect(retry['backoffFunction']).toBe('EXPONENTIAL');
    expect(retry['numRetries']).toBeGreaterThan(3); // more than SNS's default of 3 in a minute
    // The default the API runs with unless SNS_MAX_AGE_SECONDS is set.
    const maxAgeSeconds = loadConfig({
      HOLDFAST_ENV: 'local',
      WEB_ORIGIN: 'https://app.holdfast.test',
      SESSION_SECRET: 'x'.repeat(32),
    }).SNS_MAX_AGE_SECONDS;
    expect(getLongestRetrySeconds(retry)).toBeLessThan(Math.min(maxAgeSeconds, 3600));
  });

  it('raises an alarm as soon as the dead-letter queue holds a message', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: resolveRef(stack, webhook.deadLetterQueue.queueName) }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('outputs the SNS_TOPIC_ARNS line the API needs to accept the topic', () => {
    template.hasOutput('ApiEnvSnsTopicArns', {
      Value: { 'Fn::Join': ['', ['SNS_TOPIC_ARNS=', topicArn]] },
    });
    template.hasOutput('ApiEnvApiPublicUrl', { Value: `API_PUBLIC_URL=${TEST_API_PUBLIC_URL}` });
  });
});
