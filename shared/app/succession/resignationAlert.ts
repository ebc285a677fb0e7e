import type { Messenger } from '#app/communication/index.ts';
import type { ResignationSubmitted } from '#domain/offboarding/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { SuccessionStore } from '#ports/succession/index.ts';
import type { SuccessionOffer } from './keyPositions.ts';

/**
 * When the holder of a key position resigns, HR is told at once, per position, with the candidates
 * who are ready or will be (readiness computed now), or that there are none. A repeated delivery of
 * the event tells nobody twice.
 */
export function makeSuccessionAlert(deps: {
  succession: Pick<SuccessionStore, 'heldBy'>;
  offersFor: (employeeId: string) => Promise<SuccessionOffer[]>;
  employees: Pick<EmployeeStore, 'get'>;
  tell: Messenger;
}) {
  return async (event: ResignationSubmitted) => {
    const held = await deps.succession.heldBy(event.employeeId);
    if (held.length === 0) return { told: 0 };
    const person = await deps.employees.get(event.employeeId);
    const offers = await deps.offersFor(event.employeeId);
    for (const kp of held) {
      const ready = offers.filter((o) => o.keyPositionId === kp.id && o.status !== 'not_yet');
      const list = (locale: 'zh-CN' | 'en') =>
        ready.length === 0
          ? locale === 'en'
            ? 'none ready or in sight'
            : '暂无可接任或即将可接任的候选人'
          : ready.map((o) => `${o.name} (${o.label[locale]})`).join(locale === 'en' ? ', ' : '，');
      await deps.tell(
        [{ shared: 'hr' }],
        'succession.holderResigned',
        {
          employee: person?.nameLatin
            ? { 'zh-CN': person.name, en: person.nameLatin }
            : (person?.name ?? event.employeeId),
          position: kp.position,
          lastWorkingDay: event.lastWorkingDay,
          candidates: { 'zh-CN': list('zh-CN'), en: list('en') },
        },
        {
          dedupeKey: `succession|resigned|${event.resignationId}|${kp.id}`,
          data: {
            keyPositionId: kp.id,
            candidates: ready.map(({ employeeId, status, months }) => ({
              employeeId,
              status,
              ...(months ? { months } : {}),
            })),
          },
          link: `/v1/key-positions/${kp.id}/candidates`,
        },
      );
    }
    return { told: held.length };
  };
}
