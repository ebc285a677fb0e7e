import { randomUUID } from 'node:crypto';
import type { Clock } from '#kernel/clock.ts';
import type { DomainEvent, EventBus } from '#ports/platform/eventBus.ts';

export type Invoke = (functionId: string, event: unknown) => Promise<unknown>;
/** Where a delivery goes that failed all its attempts (in AWS: the function's on-failure destination). */
export type DeadLetter = (functionId: string, payload: unknown, error: unknown) => Promise<void>;

/** EventBridge delivers a failing target again; locally a few immediate attempts stand in for that. */
const attempts = 3;

/**
 * The `hr` bus in one process: each event goes, asynchronously and at least once, to every function
 * whose manifest trigger names its detail type, in the shape EventBridge gives a Lambda target.
 */
export class LocalEventBus implements EventBus {
  private readonly pending = new Set<Promise<void>>();
  readonly failures: { detailType: string; functionId: string; error: unknown }[] = [];
  private readonly subscribers: ReadonlyMap<string, readonly string[]>;
  private readonly invoke: Invoke;
  private readonly clock: Clock;
  private readonly deadLetter: DeadLetter | undefined;

  constructor(options: {
    subscribers: ReadonlyMap<string, readonly string[]>;
    invoke: Invoke;
    clock: Clock;
    deadLetter?: DeadLetter;
  }) {
    this.subscribers = options.subscribers;
    this.invoke = options.invoke;
    this.clock = options.clock;
    this.deadLetter = options.deadLetter;
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      const envelope = {
        version: '0',
        id: randomUUID(),
        'detail-type': event.detailType,
        source: 'hr',
        account: '000000000000',
        time: `${this.clock.now().toISOString().slice(0, 19)}Z`,
        region: 'us-east-1',
        resources: [],
        detail: event.detail,
      };
      for (const functionId of this.subscribers.get(event.detailType) ?? []) {
        const delivery = this.deliver(functionId, envelope).finally(() => this.pending.delete(delivery));
        this.pending.add(delivery);
      }
    }
  }

  private async deliver(functionId: string, envelope: { 'detail-type': string }): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve)); // never inside the publisher's own call
    for (let attempt = 1; ; attempt++) {
      try {
        await this.invoke(functionId, envelope);
        return;
      } catch (error) {
        if (attempt >= attempts) {
          this.failures.push({ detailType: envelope['detail-type'], functionId, error });
          console.error(`Event ${envelope['detail-type']} → ${functionId} failed ${attempts} times:`, error);
          await this.deadLetter?.(functionId, envelope, error);
          return;
        }
      }
    }
  }

  /** Whether deliveries are under way. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Resolves once every delivery under way, and those they cause, has finished. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
