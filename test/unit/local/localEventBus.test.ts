import { describe, expect, it } from 'vitest';
import { LocalEventBus } from '#adapters/local/localEventBus.ts';

const clock = { now: () => new Date('2026-12-07T01:00:00.000Z') };

/** A bus whose function `sync` holds every delivery until released, counting how many run together. */
function heldBus(failFirst = 0) {
  let running = 0;
  let mostAtOnce = 0;
  let calls = 0;
  const delivered: unknown[] = [];
  const held: (() => void)[] = [];
  const bus = new LocalEventBus({
    subscribers: new Map([['employee.created', ['sync']]]),
    clock,
    invoke: async (_functionId, event) => {
      calls++;
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise<void>((resolve) => held.push(resolve));
      running--;
      if (calls <= failFirst) throw new Error('broken on purpose');
      delivered.push((event as { detail: unknown }).detail);
    },
  });
  const releaseAll = async () => {
    while (bus.busy) {
      for (const release of held.splice(0)) release();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { bus, held, delivered, releaseAll, mostAtOnce: () => mostAtOnce };
}

describe('the local event bus', () => {
  it('runs at most eight deliveries of one function at once and delivers every event of a burst', async () => {
    const { bus, held, delivered, releaseAll, mostAtOnce } = heldBus();
    await bus.publish(
      Array.from({ length: 50 }, (_, n) => ({ detailType: 'employee.created', detail: { n } })),
    );
    for (let tick = 0; tick < 5; tick++) await new Promise((resolve) => setImmediate(resolve));
    expect(held).toHaveLength(8);
    await releaseAll();
    expect(mostAtOnce()).toBe(8);
    expect(delivered).toHaveLength(50);
    expect(new Set(delivered.map((detail) => (detail as { n: number }).n)).size).toBe(50);
  });

  it('retries failing deliveries without exceeding eight at once, and still delivers every event', async () => {
    const { bus, delivered, releaseAll, mostAtOnce } = heldBus(2);
    await bus.publish(
      Array.from({ length: 12 }, (_, n) => ({ detailType: 'employee.created', detail: { n } })),
    );
    await releaseAll();
    expect(delivered).toHaveLength(12);
    expect(bus.failures).toEqual([]);
    expect(mostAtOnce()).toBe(8);
  });
});
