import { findApiPublicUrlProblem } from './api-public-url.js';
import { isHoldfastEnv, HOLDFAST_ENVS, type HoldfastEnv } from './holdfast-env.js';

/** What the CDK app needs from `-c key=value` context to build one environment's stack. */
export type AppContext = { env: HoldfastEnv; mailDomain: string; apiPublicUrl: string };

// A deliberately plain shape check: SES itself rejects a domain it cannot verify, this only
// catches typos such as a pasted address or URL before a deploy is attempted.
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Validates the CDK context values. Every bad value is reported at once (rather than the first)
 * so one failed `cdk synth` shows everything to fix.
 *
 * @param getContext reads one context key, normally `app.node.tryGetContext`.
 * @throws Error listing every missing or invalid value.
 */
export function readAppContext(getContext: (key: string) => unknown): AppContext {
  const env = getContext('env');
  const mailDomain = getContext('mailDomain');
  const apiPublicUrl = getContext('apiPublicUrl');
  const problems: string[] = [];
  if (!isHoldfastEnv(env)) {
    problems.push(`-c env=<${HOLDFAST_ENVS.join('|')}> is required (got ${JSON.stringify(env)})`);
  }
  if (typeof mailDomain !== 'string' || !DOMAIN_PATTERN.test(mailDomain)) {
    problems.push(`-c mailDomain=<domain SES sends from> is required (got ${JSON.stringify(mailDomain)})`);
  }
  const urlProblem = findApiPublicUrlProblem(apiPublicUrl);
  if (urlProblem !== undefined) {
    problems.push(
      `-c apiPublicUrl=<https URL the API is served at, its API_PUBLIC_URL> ${urlProblem} (got ${JSON.stringify(apiPublicUrl)})`,
    );
  }
  if (
    !isHoldfastEnv(env) ||
    typeof mailDomain !== 'string' ||
    typeof apiPublicUrl !== 'string' ||
    problems.length > 0
  ) {
    throw new Error(`Invalid CDK context:\n  ${problems.join('\n  ')}`);
  }
  return { env, mailDomain, apiPublicUrl };
}
