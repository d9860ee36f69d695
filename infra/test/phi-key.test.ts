import { describe, expect, it } from '@jest/globals';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PhiKey } from '../src/constructs/phi-key.js';
import { HOLDFAST_ENVS } from '../src/holdfast-env.js';
import { resolveRef } from './support/synth-holdfast.js';

// The construct alone per environment: the alias is the only thing env changes, and a bare stack
// synthesizes in milliseconds.
describe.each(HOLDFAST_ENVS.map((env) => [env] as const))('PhiKey in %s', (env) => {
  const stack = new Stack(new App(), `PhiKey-${env}`);
  const phiKey = new PhiKey(stack, 'PhiKey', { env });
  const template = Template.fromStack(stack);

  it(`is aliased alias/holdfast-phi-${env}, pointing at the key`, () => {
    expect(phiKey.aliasName).toBe(`alias/holdfast-phi-${env}`);
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: `alias/holdfast-phi-${env}`,
      TargetKeyId: resolveRef(stack, phiKey.key.keyArn),
    });
  });

  it('is one customer-managed symmetric key with yearly rotation on', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('outlives the stack', () => {
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});
