import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import {
  BackoffFunction,
  SubscriptionProtocol,
  type HealthyRetryPolicy,
  type ITopic,
} from 'aws-cdk-lib/aws-sns';
import { UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { getSnsWebhookUrl } from '../api-public-url.js';

/** Props of {@link MailEventsWebhook}. */
export type MailEventsWebhookProps = {
  /** The topic SES publishes bounces and complaints to. */
  topic: ITopic;
  /** The API's public https URL (its API_PUBLIC_URL); the webhook path is appended. */
  apiPublicUrl: string;
  /** Physical-name prefix such as `holdfast-prod`. */
  namePrefix: string;
};

/**
 * How SNS retries a failed delivery to the API. Every attempt must still pass the API's freshness
 * check (SNS_MAX_AGE_SECONDS, 3600 s by default, measured from the message's original Timestamp),
 * so the whole schedule stays well under an hour: at most 2 x 5 s + 23 x 120 s = 2770 s after the
 * first attempt. That also keeps within SNS's own 3600 s limit for HTTP/S retry policies. A few
 * quick retries cover a deploy or a cold start; the backoff then spreads out to ride out an outage.
 */
export const MAIL_EVENTS_RETRY_POLICY = {
  numRetries: 25,
  numNoDelayRetries: 0,
  numMinDelayRetries: 2,
  minDelayTarget: Duration.seconds(5),
  numMaxDelayRetries: 10,
  maxDelayTarget: Duration.seconds(120),
  backoffFunction: BackoffFunction.EXPONENTIAL,
} as const satisfies HealthyRetryPolicy;

/**
 * Subscribes the API's signed-SNS webhook (`POST {apiPublicUrl}/webhooks/sns`) to the mail events
 * topic. Raw message delivery stays off: the API verifies the signature of the standard SNS
 * envelope (and confirms the subscription itself once it has verified the confirmation), which raw
 * delivery would strip. Notifications SNS gives up on land in an encrypted dead-letter queue
 * instead of being dropped, and an alarm goes off as soon as one does.
 */
export class MailEventsWebhook extends Construct {
  /** Where undeliverable notifications are kept (14 days) for an operator to look at. */
  readonly deadLetterQueue: Queue;
  /** The https endpoint SNS posts to. */
  readonly endpoint: string;
  /** In alarm while the dead-letter queue holds a message. */
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: MailEventsWebhookProps) {
    super(scope, id);
    this.endpoint = getSnsWebhookUrl(props.apiPublicUrl);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      queueName: `${props.namePrefix}-mail-events-dlq`,
      // SQS-managed encryption, not a KMS key: SNS can only write to a KMS-encrypted queue whose
      // key policy lets it use the key, and the AWS-managed aws/sqs key's policy cannot be changed.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // The subscription adds the queue policy that lets SNS, for this topic only, send to it.
    props.topic.addSubscription(
      new UrlSubscription(this.endpoint, {
        protocol: SubscriptionProtocol.HTTPS,
        rawMessageDelivery: false,
        deadLetterQueue: this.deadLetterQueue,
        deliveryPolicy: { healthyRetryPolicy: MAIL_EVENTS_RETRY_POLICY },
      }),
    );
    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'SES bounce or complaint notifications could not be delivered to the API; read them from the dead-letter queue and suppress the addresses by hand',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
