import { describe, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import { resolveRef, synthHoldfast, TEST_MAIL_DOMAIN } from './support/synth-holdfast.js';

const { stack, template } = synthHoldfast('dev');
const mail = stack.mailIdentity;
const topicArn = resolveRef(stack, mail.eventsTopic.topicArn);
const configurationSetName = resolveRef(stack, mail.configurationSet.configurationSetName);

describe('MailIdentity', () => {
  it('verifies the configured domain and sends through the configuration set by default', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: TEST_MAIL_DOMAIN,
      ConfigurationSetAttributes: { ConfigurationSetName: configurationSetName },
    });
  });

  it('has one SNS topic for SES events, named per environment', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'holdfast-dev-mail-events' });
  });

  it('publishes exactly bounces and complaints to the topic', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: configurationSetName,
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: topicArn },
      },
    });
  });

  it('lets only SES, for this account, publish to the topic', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicArn],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: {
              StringEquals: {
                'AWS:SourceAccount': { Ref: 'AWS::AccountId' },
                'AWS:SourceArn': Match.anyValue(),
              },
            },
          }),
        ]),
      },
    });
  });
});
