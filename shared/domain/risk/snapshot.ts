import type { TeamRisk } from './assessment.ts';

/**
 * A team's risk as the daily job found it for a day: the trend HR follows, and what a recomputation
 * for that day (with the same weights) must give again. Items (table Hr):
 *   pk = RISKSNAP#<departmentId>   sk = <asOf>
 * Access pattern: a team's snapshots, newest first (Query); one day's (GetItem).
 */
export interface RiskSnapshot {
  departmentId: string;
  asOf: string;
  weightsVersion: number;
  members: number;
  customers: number;
  keyAccounts: number;
  revenueMinor: number;
  busFactor: TeamRisk['busFactor'];
  topConcentration: TeamRisk['topConcentration'];
  people: {
    employeeId: string;
    score: number;
    revenueAloneShare: number;
    keyAccountsAloneShare: number;
    knowledgeShare: number;
  }[];
  alerts: TeamRisk['alerts'];
  takenAt: string;
}

export const snapshotKeys = {
  partition: (departmentId: string) => `RISKSNAP#${departmentId}`,
  item: (departmentId: string, asOf: string) => ({ pk: `RISKSNAP#${departmentId}`, sk: asOf }),
};

export const snapshotOf = (risk: TeamRisk, takenAt: string): RiskSnapshot => ({
  departmentId: risk.departmentId,
  asOf: risk.asOf,
  weightsVersion: risk.weightsVersion,
  members: risk.members,
  customers: risk.customers,
  keyAccounts: risk.keyAccounts,
  revenueMinor: risk.revenueMinor,
  busFactor: risk.busFactor,
  topConcentration: risk.topConcentration,
  people: risk.people.map((p) => ({
    employeeId: p.employeeId,
    score: p.score,
    revenueAloneShare: p.revenueAloneShare,
    keyAccountsAloneShare: p.keyAccountsAloneShare,
    knowledgeShare: p.knowledgeShare,
  })),
  alerts: risk.alerts,
  takenAt,
});

/** The alerts of a snapshot that the one before did not have: the thresholds crossed since. */
export const newAlerts = (now: RiskSnapshot, before: RiskSnapshot | undefined) =>
  now.alerts.filter(
    (a) => !before?.alerts.some((b) => b.kind === a.kind && (b.employeeId ?? '') === (a.employeeId ?? '')),
  );
