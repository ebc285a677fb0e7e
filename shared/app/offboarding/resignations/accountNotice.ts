import type { Messenger } from '#app/communication/index.ts';
import { accountNoticeLeadMs, isWaiting } from '#domain/offboarding/resignation.ts';
import { nameOf } from '#domain/people/index.ts';
import { localDateTime } from '#kernel/time.ts';
import type { ResignationDeps } from './deps.ts';

export type NoticeDeps = Pick<ResignationDeps, 'resignations' | 'employees' | 'clock' | 'policy'> & {
  tell: Messenger;
};

/**
 * Tells the leaver and her manager, a day ahead, when her account goes. Only for the account stage as
 * it stands now: a notice for a time the stage has since moved from tells nobody, and each due time
 * is told once however often its notice is delivered.
 */
export const makeAccountNotice =
  (deps: NoticeDeps) =>
  async (employeeId: string, resignationId: string): Promise<'told' | 'not-due' | 'nothing-to-tell'> => {
    const resignation = await deps.resignations.get(employeeId, resignationId);
    const stage = resignation?.stages.account;
    if (resignation?.status !== 'open' || !stage || !isWaiting(stage)) return 'nothing-to-tell';
    const due = new Date(stage.dueAt);
    if (due.getTime() - accountNoticeLeadMs > deps.clock.now().getTime()) return 'not-due';
    const employee = await deps.employees.get(employeeId);
    await deps.tell(
      [{ employeeId }, ...(employee?.managerId ? [{ employeeId: employee.managerId }] : [])],
      'access.ending',
      {
        employee: employee ? nameOf(employee) : employeeId,
        at: localDateTime(due, deps.policy.timeZone).replace('T', ' ').slice(0, 16),
      },
      {
        dedupeKey: `${resignation.id}|access-ending|${stage.dueAt}`,
        data: { employeeId, resignationId, at: stage.dueAt },
      },
    );
    return 'told';
  };
