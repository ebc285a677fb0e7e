import { randomUUID } from 'node:crypto';
import type { Clock } from '#kernel/clock.ts';
import type { DomainEvent, EventBus } from '#ports/platform/eventBus.ts';

export type Invoke = (functionId: string, event: unknown) => Promise<unknown>;
/** Where a delivery goes that failed all its attempts (in AWS: the function's on-failure destination). */
export type DeadLetter = (functionId: string, payload: unknown, error: unknown) => Promise<void>;

/** EventBridge delivers a failing target again; locally a few immediate attempts stand in for that. */
const attempts = 3;
/**
 * Lambda runs a function in a bounded number of environments at once; locally a function takes at most
 * this many deliveries at a time, so a burst of events (an import's thousands) queues instead of holding
 * every handler's working set in memory together.
 */
const concurrentDeliveriesPerFunction = 8;

/**
 * The `hr` bus in one process: each event goes, asynchronously and at least once, to every function
 * whose manifest trigger names its detail type, in the shape EventBridge gives a Lambda target.
 */
export class LocalEventBus implements EventBus {
  private readonly pending = new Set<Promise<void>>();
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
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
    const running = this.running.get(functionId) ?? 0;
    if (running < concurrentDeliveriesPerFunction) this.running.set(functionId, running + 1);
    else await new Promise<void>((resolve) => this.queueFor(functionId).push(resolve));
    try {
      await this.attempt(functionId, envelope);
    } finally {
      // The slot passes straight to the next waiting delivery, so the count only falls when none waits.
      const next = this.waiting.get(functionId)?.shift();
      if (next) next();
      else this.running.set(functionId, (this.running.get(functionId) ?? 1) - 1);
    }
  }

  private queueFor(functionId: string): (() => void)[] {
    let queue = this.waiting.get(functionId);
    if (!queue) {
      queue = [];
      this.waiting.set(functionId, queue);
    }
    return queue;
  }

  private async attempt(functionId: string, envelope: { 'detail-type': string }): Promise<void> {
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
