/**
 * A stand-in for clerk-js, Clerk's browser script, served in place of the real one at the address
 * `@clerk/react` loads it from (Clerk's servers, which a test browser cannot reach). It has just
 * what `@clerk/react` calls: `load`, `addListener` (with the resources it last emitted), `session`
 * with `getToken`, `openSignIn` / `mountSignIn` (recorded, no UI), `signOut`. Clerk's own hosted
 * sign-in form is not here: the test "signs in" by handing the stand-in a session and a token it
 * minted with the key pair the API is configured with, as clerk-js does once its form succeeds.
 *
 * The session is kept in the tab's sessionStorage, as clerk-js keeps it in Clerk's cookies, so a
 * reload finds the person still signed in.
 */
export const CLERK_JS_STAND_IN = String.raw`(() => {
  const STORE = 'clerk-stand-in';
  const saved = JSON.parse(sessionStorage.getItem(STORE) || 'null');
  const state = { userId: saved ? saved.userId : null, token: saved ? saved.token : null };
  const record = JSON.parse(sessionStorage.getItem(STORE + '-calls') || '[]');
  const listeners = new Set();
  const note = (call) => {
    record.push(call);
    sessionStorage.setItem(STORE + '-calls', JSON.stringify(record));
  };
  // The claims of the token, as clerk-js exposes them on the session (useAuth reads them).
  const claimsOf = (token) =>
    JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  const session = () =>
    state.userId === null
      ? null
      : {
          id: 'sess_standin',
          status: 'active',
          actor: null,
          factorVerificationAge: null,
          lastActiveToken: { jwt: { claims: claimsOf(state.token) }, getRawString: () => state.token },
          getToken: async () => {
            note({ method: 'getToken' });
            return state.token;
          },
        };
  const user = () => (state.userId === null ? null : { id: state.userId, organizationMemberships: [] });
  const resources = () => {
    const current = session();
    return {
      client: { sessions: current ? [current] : [], signedInSessions: current ? [current] : [] },
      session: current,
      user: user(),
      organization: null,
    };
  };
  const emit = () => {
    clerk.__internal_lastEmittedResources = resources();
    sessionStorage.setItem(STORE, state.userId === null ? 'null' : JSON.stringify(state));
    for (const listener of listeners) listener(clerk.__internal_lastEmittedResources);
  };
  const clerk = {
    loaded: false,
    __internal_lastEmittedResources: undefined,
    get session() { return session(); },
    get user() { return user(); },
    get client() { return resources().client; },
    get isSignedIn() { return state.userId !== null; },
    async load() {
      note({ method: 'load' });
      clerk.__internal_lastEmittedResources = resources();
      clerk.loaded = true;
    },
    addListener(listener, options) {
      listeners.add(listener);
      if (!(options && options.skipInitialEmit) && clerk.loaded) listener(resources());
      return () => listeners.delete(listener);
    },
    openSignIn(props) { note({ method: 'openSignIn', props: props || null }); },
    mountSignIn(_node, props) { note({ method: 'mountSignIn', props: props || null }); },
    unmountSignIn() {},
    async signOut() {
      note({ method: 'signOut' });
      state.userId = null;
      state.token = null;
      emit();
    },
    async setActive() {},
  };
  window.Clerk = clerk;
  // What the test drives: a finished sign-in, a renewed token, and the calls made so far.
  window.__clerkStandIn = {
    completeSignIn(userId, token) {
      state.userId = userId;
      state.token = token;
      emit();
    },
    renewToken(token) {
      state.token = token;
      sessionStorage.setItem(STORE, JSON.stringify(state));
    },
    calls: () => record,
  };
})();`;

/** Clerk's UI bundle, loaded beside clerk-js by `@clerk/react`: only its constructor has to exist. */
export const CLERK_UI_STAND_IN = 'window.__internal_ClerkUICtor = function ClerkUIStandIn() {};';
