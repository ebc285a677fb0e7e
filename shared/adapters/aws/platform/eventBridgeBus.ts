import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventSource } from '#kernel/events.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';

/** PutEvents takes at most 10 entries per call. */
const batchSize = 10;

/** Publishes to the `hr` bus; entries EventBridge did not accept are retried once, then reported. */
export function makeEventBridgeBus(busName: string, client = new EventBridgeClient({})): EventBus {
  const put = async (entries: { DetailType: string; Detail: string }[]) => {
    const result = await client.send(
      new PutEventsCommand({
        Entries: entries.map((e) => ({ ...e, Source: eventSource, EventBusName: busName })),
      }),
    );
    return entries.filter((_, i) => result.Entries?.[i]?.ErrorCode);
  };
  return {
    async publish(events) {
      for (let i = 0; i < events.length; i += batchSize) {
        const batch = events
          .slice(i, i + batchSize)
          .map((e) => ({ DetailType: e.detailType, Detail: JSON.stringify(e.detail) }));
        const failed = await put(batch);
        const stillFailed = failed.length > 0 ? await put(failed) : [];
        if (stillFailed.length > 0) {
          throw new Error(`EventBridge refused ${stillFailed.map((e) => e.DetailType).join(', ')}`);
        }
      }
    },
  };
}
