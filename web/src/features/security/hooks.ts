import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import { isCreationOptions, isRequestOptions, toRegistrationBody } from './webauthn';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
export type SecondFactorStatus = Json<paths['/v1/me/second-factor']['get']['responses'][200]>;
export type VerifyBody = NonNullable<
  paths['/v1/me/second-factor/verify']['post']['requestBody']
>['content']['application/json'];

/** Second-factor query keys (kept here, next to the only feature that reads them). */
export const securityKeys = {
  status: ['me', 'second-factor'] as const,
  log: ['me', 'security-log'] as const,
};

/** The person's factors and whether this session has proven one. */
export function useSecondFactorStatus(isEnabled = true) {
  return useQuery({
    queryKey: securityKeys.status,
    queryFn: () => unwrap(api.GET('/v1/me/second-factor')),
    enabled: isEnabled,
  });
}

/** The person's security log, newest first. */
export function useSecurityLog() {
  return useQuery({ queryKey: securityKeys.log, queryFn: () => unwrap(api.GET('/v1/me/security-log')) });
}

function useRefreshSecurity() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: securityKeys.status });
    void queryClient.invalidateQueries({ queryKey: securityKeys.log });
  };
}

export function useStartTotp() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/v1/me/second-factor/totp')) });
}

export function useConfirmTotp() {
  const refresh = useRefreshSecurity();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/v1/me/second-factor/totp/confirm', { body: { code } })),
    onSuccess: refresh,
  });
}

export function useRemoveTotp() {
  const refresh = useRefreshSecurity();
  return useMutation({
    mutationFn: () => unwrapEmpty(api.DELETE('/v1/me/second-factor/totp')),
    onSuccess: refresh,
  });
}

/** Cancels the reset of every factor that support scheduled (the API asks for a factor first). */
export function useCancelFactorReset() {
  const refresh = useRefreshSecurity();
  return useMutation({
    mutationFn: () => unwrapEmpty(api.DELETE('/v1/me/second-factor/reset')),
    onSuccess: refresh,
  });
}

export function useNewRecoveryCodes() {
  const refresh = useRefreshSecurity();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/me/second-factor/recovery-codes')),
    onSuccess: refresh,
  });
}

/** Proves a code for this session (the step-up prompt uses it). */
export function useVerifySecondFactor() {
  const refresh = useRefreshSecurity();
  return useMutation({
    mutationFn: (body: VerifyBody) => unwrap(api.POST('/v1/me/second-factor/verify', { body })),
    onSuccess: refresh,
  });
}

/** Adds a passkey: the browser's WebAuthn prompt between the API's options and its check. */
export function useAddPasskey() {
  const refresh = useRefreshSecurity();
  return useMutation({
    mutationFn: async (name: string) => {
      const options = await unwrap(api.POST('/v1/me/second-factor/passkeys/registration-options'));
      // Loaded when used, so the shell's first page stays small.
      const { startRegistration } = await import('@simplewebauthn/browser');
      if (!isCreationOptions(options)) throw new Error('The passkey options could not be read.');
      const response = toRegistrationBody(await startRegistration({ optionsJSON: options }));
      return unwrap(api.POST('/v1/me/second-factor/passkeys', { body: { name, response } }));
    },
    onSuccess: refresh,
  });
}

export function useRemovePasskey() {
  const refresh = useRefreshSecurity();
  return useMutation({
    mutationFn: (passkeyId: string) =>
      unwrapEmpty(
        api.DELETE('/v1/me/second-factor/passkeys/{passkeyId}', { params: { path: { passkeyId } } }),
      ),
    onSuccess: refresh,
  });
}

/** Proves a passkey for this session (step-up). */
export function useProvePasskey() {
  const refresh = useRefreshSecurity();
  return useMutation({
    mutationFn: async () => {
      const options = await unwrap(api.POST('/v1/me/second-factor/passkeys/authentication-options'));
      const { startAuthentication } = await import('@simplewebauthn/browser');
      if (!isRequestOptions(options)) throw new Error('The passkey options could not be read.');
      const response = await startAuthentication({ optionsJSON: options });
      return unwrap(api.POST('/v1/me/second-factor/passkeys/verify', { body: { response } }));
    },
    onSuccess: refresh,
  });
}
