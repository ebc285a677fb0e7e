import { resignationDeps } from '#adapters/aws/resignationWiring.ts';
import { logger } from '#adapters/logger.ts';
import { makeComplianceSweep } from '#app/resignations/complianceSweep.ts';

const sweep = makeComplianceSweep(resignationDeps());

/** Daily: applies what the schedules missed and tells HR what it fixed. */
export async function handler(): Promise<{ fixed: number }> {
  const fixes = await sweep();
  if (fixes.length > 0) logger.warn('The compliance sweep fixed the revocation plans', { fixes });
  return { fixed: fixes.length };
}
