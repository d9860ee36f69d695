import type { Middleware } from 'openapi-fetch';

/** The problem code of an administrative action that needs a recently proven second factor. */
export const SECOND_FACTOR_REQUIRED = 'second_factor_required';

/** Asks the person to prove a second factor; resolves true once proven, false when they cancel. */
export type StepUpHandler = () => Promise<boolean>;

let handler: StepUpHandler | undefined;
/** One prompt at a time: several refused calls wait for the same answer. */
let pending: Promise<boolean> | undefined;

/** Installs the prompt (the app shell mounts it); returns how to remove it again. */
export function setStepUpHandler(next: StepUpHandler): () => void {
  handler = next;
  return () => {
    if (handler === next) handler = undefined;
  };
}

function askForSecondFactor(): Promise<boolean> {
  if (handler === undefined) return Promise.resolve(false);
  pending ??= handler().finally(() => {
    pending = undefined;
  });
  return pending;
}

async function isStepUpAnswer(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  try {
    const body: unknown = await response.clone().json();
    return (
      typeof body === 'object' && body !== null && 'code' in body && body.code === SECOND_FACTOR_REQUIRED
    );
  } catch {
    return false;
  }
}

/** Copies of requests, kept until their answer, so a refused one can be sent again. */
const copies = new Map<string, Request>();

/**
 * Turns a 401 `second_factor_required` into the second-factor prompt and, once the person proves
 * a factor, sends the same request again: the action they asked for happens without a second click.
 */
export function createStepUpMiddleware(
  fetchAgain: (request: Request) => Promise<Response> = fetch,
): Middleware {
  return {
    onRequest({ request, id }) {
      copies.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id }) {
      const copy = copies.get(id);
      copies.delete(id);
      if (copy === undefined || !(await isStepUpAnswer(response))) return response;
      if (!(await askForSecondFactor())) return response;
      return fetchAgain(copy);
    },
    onError({ id }) {
      copies.delete(id);
    },
  };
}
