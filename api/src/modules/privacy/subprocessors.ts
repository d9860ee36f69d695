import type { ProviderId } from '../../platform/privacy/record-types.js';

/** The outside providers that receive personal data, and the packages through which code reaches them. */
export type Subprocessor = {
  id: ProviderId;
  name: string;
  purpose: string;
  /** What personal data reaches the provider. */
  data: string;
  location: string;
  /** When the product talks to this provider at all. */
  when: string;
  /** npm packages through which code reaches the provider. */
  packages: readonly string[];
};

export const SUBPROCESSORS: readonly Subprocessor[] = [
  {
    id: 'aws',
    name: 'Amazon Web Services',
    purpose:
      'Hosting: database (DynamoDB), file storage (S3), encryption keys (KMS), email delivery (SES), the service’s own credentials (Secrets Manager) and the per-workspace database sessions (STS).',
    data: 'All stored records and files (wellbeing fields and files encrypted), email addresses and message content.',
    location: 'United States (us-east-1)',
    when: 'Always, in the hosted service.',
    packages: [
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/lib-dynamodb',
      '@aws-sdk/util-dynamodb',
      '@aws-sdk/client-sesv2',
      '@aws-sdk/client-s3',
      '@aws-sdk/lib-storage',
      '@aws-sdk/client-kms',
      '@aws-sdk/client-secrets-manager',
      // Per-tenant DynamoDB sessions: STS AssumeRole, from the function's own credentials.
      '@aws-sdk/client-sts',
      '@aws-sdk/credential-provider-node',
      '@aws-crypto/client-node',
    ],
  },
  {
    id: 'stripe',
    name: 'Stripe',
    purpose: 'Subscriptions, payments and invoices.',
    data: 'Workspace owner email, plan and payment details (card data is entered on Stripe and never reaches Holdfast).',
    location: 'United States',
    when: 'When a workspace subscribes to a paid plan.',
    packages: ['stripe'],
  },
  {
    id: 'clerk',
    name: 'Clerk',
    purpose: 'Sign-in, when the deployment uses Clerk instead of the built-in sign-in link.',
    data: 'Email address, name, sign-in sessions.',
    location: 'United States',
    when: 'Only when the deployment enables Clerk sign-in.',
    packages: ['@clerk/backend', '@clerk/fastify'],
  },
  {
    id: 'openai',
    name: 'OpenAI',
    purpose: 'AI actions a user starts (rewriting a draft, summaries, search by meaning).',
    data: 'The text the user sends to the AI action; requests are made with storage off.',
    location: 'United States',
    when: 'Only when a user starts an AI action and the deployment configures it.',
    packages: ['openai'],
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    purpose:
      'AI actions a user starts (rewriting a draft calmly, summaries, reading certificates into fields).',
    data: 'The document or text the user sends to the AI action.',
    location: 'United States',
    when: 'Only when a user starts an AI action and the deployment configures it.',
    packages: ['@anthropic-ai/sdk'],
  },
];

/** Runtime packages of the API that send nothing outside the service (frameworks, parsers, crypto). */
export const LOCAL_PACKAGES: readonly string[] = [
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
  '@fastify/aws-lambda',
  '@fastify/compress',
  '@fastify/cookie',
  '@fastify/cors',
  '@fastify/formbody',
  '@fastify/helmet',
  '@fastify/multipart',
  '@fastify/rate-limit',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  '@fastify/type-provider-typebox',
  'archiver',
  'csv-stringify',
  'content-disposition',
  'croner',
  'csv-parse',
  'fastify',
  'fastify-plugin',
  'file-type',
  'pdfkit',
  'pino',
  'postal-mime',
  'typebox',
  'ts-fsrs',
  'minisearch',
  'ulid',
  'otpauth',
  '@simplewebauthn/server',
];
