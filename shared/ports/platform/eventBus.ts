import type { DomainEvent } from '#kernel/events.ts';

export type { DomainEvent };

export interface EventBus {
  /** Publishes events (made with `eventOf`); subscribers receive them asynchronously, at least once. */
  publish(events: readonly DomainEvent[]): Promise<void>;
}
