/** Every deployment environment Holdfast has; each one is a separate stack with its own resources. */
export const HOLDFAST_ENVS = ['dev', 'staging', 'prod'] as const;

/** A Holdfast deployment environment. */
export type HoldfastEnv = (typeof HOLDFAST_ENVS)[number];

/** True when `value` names one of {@link HOLDFAST_ENVS}. */
export function isHoldfastEnv(value: unknown): value is HoldfastEnv {
  return typeof value === 'string' && (HOLDFAST_ENVS as readonly string[]).includes(value);
}

/** The physical-name prefix of every resource of an environment, e.g. `holdfast-dev`. */
export function getResourcePrefix(env: HoldfastEnv): string {
  return `holdfast-${env}`;
}
