import type { Messenger } from '#app/communication/index.ts';
import type { ResignationSubmitted } from '#domain/offboarding/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { RiskAssessments } from './assessments.ts';
import type { Simulations } from './simulations.ts';

/**
 * When someone whose score is at the alert threshold or above resigns, HR is told at once, with what
 * the simulation of their leaving found (the customers nobody else knows). A repeated delivery of the
 * event tells nobody twice.
 */
export function makeResignationAlert({
  assessments,
  simulate,
  employees,
  tell,
}: {
  assessments: RiskAssessments;
  simulate: Simulations;
  employees: Pick<EmployeeStore, 'get'>;
  tell: Messenger;
}) {
  return async (event: ResignationSubmitted): Promise<{ told: boolean; score?: number }> => {
    const person = await employees.get(event.employeeId);
    if (!person) return { told: false };
    const team = await assessments.assess(person.departmentId, {});
    const risk = team.people.find((p) => p.employeeId === person.id);
    const w = await assessments.weightsFor(team.weightsVersion);
    if (!risk || risk.score < w.alerts.scoreAtLeast)
      return { told: false, ...(risk ? { score: risk.score } : {}) };
    const simulation = await simulate.unchecked({ leaving: [person.id] });
    await tell(
      [{ shared: 'hr' }],
      'risk.keyPersonResigned',
      {
        employee: person.nameLatin ? { 'zh-CN': person.name, en: person.nameLatin } : person.name,
        score: String(risk.score),
        lastWorkingDay: event.lastWorkingDay,
        orphaned: String(simulation.orphaned.customers),
        keyAccounts: String(simulation.orphaned.keyAccounts),
      },
      {
        dedupeKey: `risk|resigned|${event.resignationId}`,
        data: {
          employeeId: person.id,
          score: risk.score,
          orphaned: simulation.orphaned.list.map((c) => ({
            customerId: c.customerId,
            nextBest: c.nextBest.map((k) => k.employeeId),
          })),
        },
        link: `/v1/risk/employees/${person.id}`,
      },
    );
    return { told: true, score: risk.score };
  };
}
