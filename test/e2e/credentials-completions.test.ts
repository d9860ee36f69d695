import { describe, expect, it } from '@jest/globals';
import { signInToWorkspace } from '../support/browser.js';
import { DESKTOP_VIEWPORT, useBrowserStack } from '../support/browser-suite.js';
import { as, signIn, uniqueEmail } from '../support/harness.js';

/**
 * A training provider reports a completion: the person makes a link code in the SPA and copies
 * it, the provider redeems it and reports through the API with its key, and the person accepts
 * the pending completion on the CE activities page, where it then shows as an activity.
 */
describe('browser: completions reported by a training provider', () => {
  const suite = useBrowserStack({ viewport: DESKTOP_VIEWPORT });

  it('a link code made in the SPA lets a provider report a completion the person accepts', async () => {
    const { stack, page } = suite;
    const workspaceId = await signInToWorkspace(page, stack.spaUrl, uniqueEmail('ce-learner'));
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/credentials/providers`);
    await page.getByRole('heading', { name: 'Training providers' }).waitFor();
    await page.getByLabel('Which provider is it for?').fill('State CE Institute');
    await page.getByRole('button', { name: 'Create code' }).click();
    const code = (await page.getByTestId('provider-code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect(page.getByTestId('provider-link-status').first().textContent()).resolves.toBe(
      'Code not used yet',
    );

    // The provider, in its own workspace, with a key of the reporting scope.
    const { app } = stack.t;
    const provider = await signIn(app, uniqueEmail('ce-provider'));
    const key = await app.inject({
      method: 'POST',
      url: `/v1/workspaces/${provider.workspaceId}/api-keys`,
      headers: as(provider),
      payload: { name: 'LMS', scopes: ['ce:completions:write'] },
    });
    const bearer = { authorization: `Bearer ${key.json<{ secret: string }>().secret}` };
    const redeemed = await app.inject({
      method: 'POST',
      url: `/v1/workspaces/${provider.workspaceId}/ce/links`,
      headers: bearer,
      payload: { linkCode: code },
    });
    expect(redeemed.statusCode).toBe(201);
    const reported = await app.inject({
      method: 'POST',
      url: `/v1/workspaces/${provider.workspaceId}/ce/completions`,
      headers: { ...bearer, 'idempotency-key': `lms-${Date.now()}` },
      payload: {
        linkId: redeemed.json<{ linkId: string }>().linkId,
        courseTitle: 'Trauma-informed supervision',
        providerName: 'State CE Institute',
        completedOn: '2026-05-04',
        hours: 2.5,
        category: 'Supervision',
      },
    });
    expect(reported.statusCode).toBe(201);

    await page.reload();
    await expect(page.getByTestId('provider-link-status').first().textContent()).resolves.toBe('Linked');
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/credentials/activities`);
    const pending = page.getByTestId('pending-completion');
    await pending.getByText('Trauma-informed supervision').waitFor();
    await expect(pending.textContent()).resolves.toContain('Reported by State CE Institute');
    await pending.getByRole('button', { name: 'Accept Trauma-informed supervision' }).click();

    const activities = page.getByTestId('activities-list');
    await activities.getByText('Trauma-informed supervision').waitFor();
    await expect(activities.textContent()).resolves.toContain('2.5 h');
    await expect(page.getByTestId('pending-completions').count()).resolves.toBe(0);
    // Sign-in, two workspaces and a key through the whole embedded stack: past 30 s on a busy machine.
  }, 120_000);
});
