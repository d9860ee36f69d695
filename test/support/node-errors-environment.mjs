// Jest's node environment runs each test file in its own realm, so an error that Node itself
// raises (a refused or reset socket) is not `instanceof Error` for the code under test. The AWS
// SDK then wraps it in a new Error and drops its `code` and `name`, which a real process never
// does. Suites that inject network faults use this environment, where the test realm shares
// Node's own Error, so the SDK surfaces the socket errors exactly as it does in production.
import { createRequire } from 'node:module';

// Jest's own node environment (jest → jest-cli → jest-config → jest-environment-node), so this
// one never differs from it in anything but Error.
const fromJest = createRequire(createRequire(import.meta.url).resolve('jest/package.json'));
const fromCli = createRequire(fromJest.resolve('jest-cli/package.json'));
const fromConfig = createRequire(fromCli.resolve('jest-config/package.json'));
const { TestEnvironment } = fromConfig('jest-environment-node');

export default class NodeErrorsEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.Error = Error;
  }
}
