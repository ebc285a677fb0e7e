import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for @aws-sdk/credential-provider-node inside Lambda bundles (an esbuild alias). Lambda
 * always hands a function its role's credentials in environment variables, so the default chain's SSO,
 * profile, process and web-identity providers (and the STS/SSO clients they carry, ~130 KB) are dead
 * weight at every cold start. The local runtime runs from source and keeps the full chain.
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
