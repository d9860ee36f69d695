// CDK entry point (cdk.json "app"):
//   cdk synth -c env=dev -c mailDomain=mail.example.org -c apiPublicUrl=https://api.example.org
import { App } from 'aws-cdk-lib';
import { HoldfastStack } from './holdfast-stack.js';
import { requireLambdaCodeDir } from './lambda-code.js';
import { readAppContext } from './read-app-context.js';

const app = new App();
const { env, mailDomain, apiPublicUrl } = readAppContext((key): unknown => app.node.tryGetContext(key));
new HoldfastStack(app, `Holdfast-${env}`, {
  env,
  mailDomain,
  apiPublicUrl,
  lambdaCodeDir: requireLambdaCodeDir(),
  ...readAlarmTopicArn(app.node.tryGetContext('alarmTopicArn')),
});

/** `-c alarmTopicArn=arn:aws:sns:…`, optional: the topic every alarm notifies. */
function readAlarmTopicArn(value: unknown): { alarmTopicArn?: string } {
  if (value === undefined) return {};
  if (typeof value !== 'string' || !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/.test(value)) {
    throw new Error(`-c alarmTopicArn must be an SNS topic ARN (got ${JSON.stringify(value)})`);
  }
  return { alarmTopicArn: value };
}
