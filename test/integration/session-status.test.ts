import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

// The sign-in page's question "is this browser signed in?": answered 200 either way, so a
// signed-out visitor's browser logs no failed request.
describe('session status', () => {
  let t: TestApp;
  let person: Session;
  beforeAll(async () => {
    t = await createTestApp();
    person = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const ask = (headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/v1/auth/session', headers });

  it('answers 200 false without a session, and 200 true with one', async () => {
    const anonymous = await ask();
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ isSignedIn: false });
    const signedIn = await ask(as(person));
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toEqual({ isSignedIn: true });
  });

  it('answers false once the session is signed out, and for a forged cookie', async () => {
    const other = await signIn(t.app);
    const signOut = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: as(other),
    });
    expect(signOut.statusCode).toBeLessThan(300);
    expect((await ask(as(other))).json()).toEqual({ isSignedIn: false });
    expect((await ask({ cookie: 'hf_session=forged.value' })).json()).toEqual({ isSignedIn: false });
  });
});
