// Starts the embedded stack once for the whole run (in memory) and hands its endpoints to the
// test workers through the environment, which they inherit. Plain ESM loading TypeScript through
// tsx, because Jest's globalSetup does not go through the test transform.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { startStack } = await tsImport('@holdfast/scripts/stack', import.meta.url);
  const stack = await startStack({ tablePrefix: 'holdfast-test', blobBucket: 'holdfast-test-blobs' });
  globalThis.holdfastStack = stack;
  for (const [name, value] of Object.entries(stack.apiEnvironment)) process.env[name] = value;
  process.env.HOLDFAST_TEST_MAIL_STORE = `${stack.sesEndpoint}/store`;
}
