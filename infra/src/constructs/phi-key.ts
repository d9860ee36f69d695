import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alias, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { HoldfastEnv } from '../holdfast-env.js';

/** Props of {@link PhiKey}. */
export type PhiKeyProps = { env: HoldfastEnv };

/** The alias the API resolves the PHI key by, e.g. `alias/holdfast-phi-prod`. */
export function getPhiKeyAliasName(env: HoldfastEnv): string {
  return `alias/holdfast-phi-${env}`;
}

/**
 * The customer-managed KMS key that wraps the data keys of PHI fields (envelope encryption in the
 * API's platform/phi). Customer-managed so access is governed by our key policy and every use is
 * in CloudTrail.
 */
export class PhiKey extends Construct {
  /** The key itself; grant on this, not on the alias. */
  readonly key: Key;
  /** The stable name the API is configured with. */
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: PhiKeyProps) {
    super(scope, id);
    this.aliasName = getPhiKeyAliasName(props.env);
    this.key = new Key(this, 'Key', {
      description: `Holdfast ${props.env}: wraps data keys of PHI fields`,
      enableKeyRotation: true,
      // Deleting this key makes every PHI field unreadable forever, so it outlives the stack and
      // a scheduled deletion keeps the longest window KMS allows to notice and cancel it.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    new Alias(this, 'Alias', { aliasName: this.aliasName, targetKey: this.key });
  }
}
