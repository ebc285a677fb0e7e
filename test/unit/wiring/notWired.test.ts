import { describe, expect, it } from 'vitest';
import type { EventBus } from '#ports/platform/eventBus.ts';
import { notWired } from '#wiring/notWired.ts';

describe('a port a function leaves out', () => {
  it('names the port and the call when something calls it', async () => {
    const bus = notWired<EventBus>('bus');
    await expect(bus.publish([])).rejects.toThrow('bus.publish is not wired for this function');
  });

  it('is not mistaken for a promise when awaited', async () => {
    const bus = notWired<EventBus>('bus');
    expect(await Promise.resolve(bus)).toBe(bus);
  });
});
