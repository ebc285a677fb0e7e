import { metricNames } from '#domain/metrics.ts';
import { parseArrival, ScheduledEvent } from '#kernel/events.ts';
import { arrivalHandler } from '#wiring/arrivals.ts';
import { backupAge } from '#wiring/backups.ts';
import { logger } from '#wiring/log.ts';
import { caseMeasures, complianceSweep } from '#wiring/offboarding.ts';
import { metrics } from '#wiring/platform.ts';

const sweep = complianceSweep();
const measureCases = caseMeasures();
const measureBackupAge = backupAge();

/**
 * Daily: applies what the schedules missed and tells HR what it fixed; then publishes the day's
 * business gauges (open cases, overdue nodes, stages applied late, backup age).
 */
export const handler = arrivalHandler(async (input, context) => {
  parseArrival(ScheduledEvent, input, { source: 'daily rule', id: context.awsRequestId });
  const fixes = await sweep();
  if (fixes.length > 0) logger.warn('The compliance sweep fixed the revocation plans', { fixes });
  const [cases, backupAgeSeconds] = await Promise.all([measureCases(), measureBackupAge()]);
  const stagesAppliedLate = fixes.filter((f) => f.kind === 'stage-applied-late').length;
  await metrics().publish([
    { name: metricNames.openCases, value: cases.openCases, unit: 'Count' },
    { name: metricNames.overdueNodes, value: cases.overdueNodes, unit: 'Count' },
    { name: metricNames.stagesAppliedLate, value: stagesAppliedLate, unit: 'Count' },
    // None before the first backup: the freshness alarm already says there is none.
    ...(backupAgeSeconds === undefined
      ? []
      : [{ name: metricNames.backupAge, value: backupAgeSeconds, unit: 'Seconds' as const }]),
  ]);
  return { fixed: fixes.length, stagesAppliedLate, ...cases, backupAgeSeconds };
});
