// CDK entry point (cdk.json "app"):
//   cdk synth -c env=dev -c mailDomain=mail.example.org -c apiPublicUrl=https://api.example.org
import { App } from 'aws-cdk-lib';
import { HoldfastStack } from './holdfast-stack.js';
import { readAppContext } from './read-app-context.js';

const app = new App();
const { env, mailDomain, apiPublicUrl } = readAppContext((key): unknown => app.node.tryGetContext(key));
new HoldfastStack(app, `Holdfast-${env}`, { env, mailDomain, apiPublicUrl });
