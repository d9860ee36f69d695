// What the web benchmark measures against: the production build served by `vite preview`, a
// listening API on its own in-memory embedded stack, and a person signed in through the SPA whose
// workspace holds a screenful of incidents; plus the pages to load.
import { startStack } from '@holdfast/scripts/stack';
import { incidentBody, uniqueEmail } from '../support/harness.js';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';

export type BenchPage = {
  name: string;
  path: string;
  /** What shows once the page has its data (used by the Chromium measurement). */
  ready: string;
  /** Public pages are the ones the SEO target applies to. */
  isPublic: boolean;
};

export type WebBench = {
  stack: BrowserStack;
  pages: BenchPage[];
  /** The signed-in person's session cookie, `hf_session=...`. */
  sessionCookie: string;
  stop: () => Promise<void>;
};

/** Starts the stack, signs a person in and seeds their incidents. */
export async function startWebBench(): Promise<WebBench> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const embedded = await startStack({
    tablePrefix: 'holdfast-webbench',
    blobBucket: 'holdfast-webbench-blobs',
  });
  for (const [name, value] of Object.entries(embedded.apiEnvironment)) process.env[name] = value;
  process.env.HOLDFAST_TEST_MAIL_STORE = `${embedded.sesEndpoint}/store`;
  const stack = await startBrowserStack({ viewport: { width: 1350, height: 940 } });
  try {
    await signInInBrowser(stack.page, stack.spaUrl, uniqueEmail('bench'));
    await stack.page.getByTestId('new-incident').waitFor();
    const workspaceId = /\/w\/([^/]+)\//u.exec(stack.page.url())?.[1] ?? '';
    const session = (await stack.page.context().cookies()).find((c) => c.name === 'hf_session')?.value ?? '';
    for (let index = 0; index < 12; index += 1) {
      await stack.t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${workspaceId}/incidents`,
        headers: { cookie: `hf_session=${session}`, 'x-holdfast-csrf': '1' },
        payload: incidentBody({
          narrative: `Exchange ${index + 1} started late; the children waited in the car.`,
        }),
      });
    }
    const w = `/w/${workspaceId}`;
    const pages: BenchPage[] = [
      { name: 'sign-in', path: '/sign-in', ready: '[data-testid="sign-in-submit"]', isPublic: true },
      { name: 'privacy', path: '/privacy', ready: '[data-testid="privacy-page"]', isPublic: true },
      { name: 'incidents', path: `${w}/incidents`, ready: '[data-testid="incident-list"]', isPublic: false },
      { name: 'documents', path: `${w}/documents`, ready: 'h1', isPublic: false },
      { name: 'wellbeing', path: `${w}/wellbeing/check-ins`, ready: 'h1', isPublic: false },
      { name: 'communications', path: `${w}/communications`, ready: 'h1', isPublic: false },
      { name: 'licenses', path: `${w}/credentials/licenses`, ready: 'h1', isPublic: false },
      { name: 'practice', path: `${w}/practice`, ready: 'h1', isPublic: false },
    ];
    return {
      stack,
      pages,
      sessionCookie: `hf_session=${session}`,
      stop: async () => {
        await stack.stop();
        await embedded.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    await embedded.stop();
    throw error;
  }
}
