/**
 * The business metrics, in one namespace, without dimensions (each is company-wide): what the
 * alarms in infra/constructs watch and what the functions publish. Each says when it is published.
 */
export const metricNamespace = 'KeyPersonHR';

export const metricNames = {
  /** Per backup run that succeeded (the freshness alarm fires when none came for 26 hours). */
  backupSucceeded: 'BackupSucceeded',
  /** Items in that backup. */
  backupItems: 'BackupItems',
  /** Daily (the compliance sweep): seconds since the newest backup that succeeded. */
  backupAge: 'BackupAgeSeconds',
  /** Daily: handover cases open. */
  openCases: 'OpenCases',
  /** Daily: open handover nodes past their deadline, over all open cases. */
  overdueNodes: 'OverdueNodes',
  /** When a node passes its deadline unconfirmed (alarm: at least one). */
  nodesBecameOverdue: 'NodesBecameOverdue',
  /** Daily: revocation stages the sweep applied because their schedule had not (alarm: at least one). */
  stagesAppliedLate: 'StagesAppliedLate',
} as const;

export type MetricName = (typeof metricNames)[keyof typeof metricNames];
