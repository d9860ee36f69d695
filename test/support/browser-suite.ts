import { afterAll, beforeAll } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FakeAiProviders } from './ai-providers.js';
import { startBrowserStack, type BrowserStack } from './browser.js';

/** The window of a laptop, which most browser suites use (the stack's own default is a phone). */
export const DESKTOP_VIEWPORT = { width: 1024, height: 900 };

/** Starting the API, the SPA and Chromium can take a while on a busy machine. */
const START_TIMEOUT_MS = 90_000;

type StackOptions = NonNullable<Parameters<typeof startBrowserStack>[0]>;

/** What a suite's tests read: set before the first test runs. */
export type BrowserSuite = { readonly stack: BrowserStack; readonly page: Page };

/** A browser suite whose API calls a local stand-in for the AI providers. */
export type BrowserSuiteWithAi = BrowserSuite & { readonly ai: FakeAiProviders };

/** The stack once `beforeAll` has started it; reading it earlier is a mistake in the suite. */
function started(stack: BrowserStack | undefined): BrowserStack {
  if (stack === undefined) throw new Error('the browser stack is read before beforeAll started it');
  return stack;
}

/**
 * Starts a browser stack (`startBrowserStack`) before the tests of the enclosing `describe` and
 * stops it after them. `before` and `after` run around it, for servers the stack's API talks to.
 */
function useStack(
  options: () => StackOptions,
  around: { before?: () => Promise<void>; after?: () => Promise<void> } = {},
): BrowserSuite {
  let stack: BrowserStack | undefined;
  beforeAll(async () => {
    await around.before?.();
    stack = await startBrowserStack(options());
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
    await around.after?.();
  });
  return {
    get stack() {
      return started(stack);
    },
    get page() {
      return started(stack).page;
    },
  };
}

/** One browser stack for the tests of the enclosing `describe`: started before them, stopped after. */
export function useBrowserStack(options: StackOptions = {}): BrowserSuite {
  return useStack(() => options);
}

/**
 * One browser stack whose API reaches the AI providers only through a local stand-in (`ai`, to
 * queue replies and read what was sent). `aiEnv` adds AI configuration (a model, switches).
 */
export function useBrowserStackWithAi(
  aiEnv: Record<string, string>,
  options: StackOptions = {},
): BrowserSuiteWithAi {
  const ai = new FakeAiProviders();
  const suite = useStack(() => ({ ...options, env: ai.env({ ...options.env, ...aiEnv }) }), {
    before: () => ai.start(),
    after: () => ai.stop(),
  });
  return {
    get stack() {
      return suite.stack;
    },
    get page() {
      return suite.page;
    },
    ai,
  };
}
