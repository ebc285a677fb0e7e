import type { Clock } from '#kernel/clock.ts';

/** A clock that moves only when told to: tests and demos walk through days without sleeping. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    const next = new Date(to).getTime();
    if (next < this.current) throw new Error('ManualClock does not go back in time');
    this.current = next;
  }

  advance(milliseconds: number): void {
    this.set(new Date(this.current + milliseconds));
  }
}
