import { logger } from '#adapters/logger.ts';
import { makeComplianceSweep } from '#app/offboarding/resignations/complianceSweep.ts';
import { resignationDeps } from '#wiring/resignations.ts';

const sweep = makeComplianceSweep(resignationDeps());

/** Daily: applies what the schedules missed and tells HR what it fixed. */
export async function handler(): Promise<{ fixed: number }> {
  const fixes = await sweep();
  if (fixes.length > 0) logger.warn('The compliance sweep fixed the revocation plans', { fixes });
  return { fixed: fixes.length };
}
