import { Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Props of {@link MailIdentity}. */
export type MailIdentityProps = {
  /** The domain Holdfast sends from; its DKIM records must be published in DNS to verify it. */
  domain: string;
  /** Physical-name prefix such as `holdfast-prod`. */
  namePrefix: string;
};

/**
 * The SES domain identity Holdfast sends from, and a configuration set that publishes bounces and
 * complaints to an SNS topic, whose signed notifications the API's webhook turns into
 * suppressions.
 */
export class MailIdentity extends Construct {
  /** The verified sending domain. */
  readonly identity: EmailIdentity;
  /** The configuration set every send must name, so its events are published. */
  readonly configurationSet: ConfigurationSet;
  /** Receives bounce and complaint events; subscribe the API's SNS webhook to it. */
  readonly eventsTopic: Topic;

  constructor(scope: Construct, id: string, props: MailIdentityProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `${props.namePrefix}-mail`,
    });
    this.eventsTopic = new Topic(this, 'EventsTopic', {
      topicName: `${props.namePrefix}-mail-events`,
      displayName: 'Holdfast SES bounces and complaints',
    });
    // Only the events that must suppress an address: sending to it again hurts the sender
    // reputation every other user's mail depends on.
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.eventsTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(props.domain),
      configurationSet: this.configurationSet,
    });
  }

  /**
   * Lets `grantee` call SESv2 SendEmail from this identity with this configuration set, which
   * SES authorizes against both resources; nothing else in SES.
   */
  grantSendEmail(grantee: IGrantable): Grant {
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    return Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail'],
      resourceArns: [this.identity.emailIdentityArn, configurationSetArn],
    });
  }
}
