/** A domain event on the `hr` bus (EventBridge detail-type and detail). */
export interface DomainEvent {
  detailType: string;
  detail: Record<string, unknown>;
}

export interface EventBus {
  /** Publishes events; subscribers receive them asynchronously, at least once. */
  publish(events: readonly DomainEvent[]): Promise<void>;
}
