import type { EmployeeStore } from '#ports/people/index.ts';
import type { RiskAssessments } from './assessments.ts';

/**
 * Whether someone is a key person now: their score in their team's risk as of today is at the alert
 * threshold or above (the same test as the resignation alert's), with both numbers.
 */
export function makeKeyPersonCheck(deps: {
  assessments: Pick<RiskAssessments, 'assess' | 'weightsFor'>;
  employees: Pick<EmployeeStore, 'get'>;
}) {
  return async (employeeId: string): Promise<{ score: number; threshold: number } | undefined> => {
    const person = await deps.employees.get(employeeId);
    if (!person) return undefined;
    const team = await deps.assessments.assess(person.departmentId, {});
    const risk = team.people.find((p) => p.employeeId === employeeId);
    const threshold = (await deps.assessments.weightsFor(team.weightsVersion)).alerts.scoreAtLeast;
    return risk && risk.score >= threshold ? { score: risk.score, threshold } : undefined;
  };
}
