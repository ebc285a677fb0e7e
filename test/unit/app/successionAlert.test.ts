import { describe, expect, it } from 'vitest';
import type { Messenger } from '#app/communication/index.ts';
import { makeSuccessionAlert, type SuccessionOffer } from '#app/succession/index.ts';
import type { KeyPosition } from '#domain/succession/index.ts';

const keyPosition = { id: 'P20261201090000a1b2c3d4', position: '销售经理 Sales Team Lead' } as KeyPosition;
const offer = (employeeId: string, status: SuccessionOffer['status'], months?: number): SuccessionOffer => ({
  keyPositionId: keyPosition.id,
  position: keyPosition.position,
  employeeId,
  name: employeeId === 'E1003' ? '李雷' : employeeId,
  status,
  label: { 'zh-CN': status, en: status === 'ready_in_months' ? `ready in about ${months} months` : status },
  ...(months ? { months } : {}),
});

function alert(held: KeyPosition[], offers: SuccessionOffer[]) {
  const told: { params: Record<string, unknown>; data?: unknown }[] = [];
  const tell = (async (_to, _key, params, options) => {
    told.push({ params, data: options?.data });
  }) as Messenger;
  const run = makeSuccessionAlert({
    succession: { heldBy: async () => held },
    offersFor: async () => offers,
    employees: { get: async () => undefined },
    tell,
  });
  return { told, run };
}
const resignation = {
  resignationId: 'R1',
  employeeId: 'E1002',
  lastWorkingDay: '2026-12-31',
} as Parameters<ReturnType<typeof makeSuccessionAlert>>[0];

describe('the succession alert on a resignation', () => {
  it('names the candidates who are ready or will be, not those who are not yet', async () => {
    const { told, run } = alert(
      [keyPosition],
      [offer('E1003', 'ready_in_months', 6), offer('E1004', 'not_yet')],
    );
    expect(await run(resignation)).toEqual({ told: 1 });
    expect(told[0]?.params.candidates).toMatchObject({ en: '李雷 (ready in about 6 months)' });
    expect(told[0]?.data).toMatchObject({
      candidates: [{ employeeId: 'E1003', status: 'ready_in_months', months: 6 }],
    });
  });

  it('says so when nobody is ready or in sight, and stays silent for someone who holds no key position', async () => {
    const none = alert([keyPosition], [offer('E1004', 'not_yet')]);
    await none.run(resignation);
    expect(none.told[0]?.params.candidates).toMatchObject({ en: 'none ready or in sight' });
    const nothing = alert([], []);
    expect(await nothing.run(resignation)).toEqual({ told: 0 });
    expect(nothing.told).toEqual([]);
  });
});
