import { Timestamp } from './ids.ts';
import * as z from './zod.ts';

/** The EventBridge `source` of every event the product puts on its bus. */
export const eventSource = 'hr';

/** An event to publish: EventBridge's detail-type and detail. */
export interface DomainEvent {
  detailType: string;
  detail: Record<string, unknown>;
}

/**
 * One event of the bus, declared once (shared/domain/<area>/events/<event>.ts): its name (the
 * detail-type), source, version and detail schema. Publishers build the event with `eventOf`, and
 * subscribers read it with `readEvent`, so both sides hold to the same contract.
 */
export interface EventDefinition<N extends string = string, S extends z.ZodMiniType = z.ZodMiniType> {
  name: N;
  source: typeof eventSource;
  /** Goes out as `detail.schemaVersion`; a subscriber refuses a version newer than it knows. */
  version: number;
  description: string;
  detail: S;
}

export const defineEvent = <const N extends string, S extends z.ZodMiniType>(definition: {
  name: N;
  version: number;
  description: string;
  detail: S;
}): EventDefinition<N, S> => ({ ...definition, source: eventSource });

/**
 * Something arrived that its schema refuses: an event, a scheduler payload, a workflow task's input.
 * The function fails (so it is retried and then dead-lettered, with an alarm) and changes nothing.
 */
export class MalformedInputError extends Error {
  readonly source: string;
  readonly id: string;
  readonly issues: readonly { field: string; message: string }[];

  constructor(source: string, id: string, issues: readonly { field: string; message: string }[]) {
    super(
      `Refused a malformed ${source} (${id}): ${issues.map((i) => `${i.field || '(root)'}: ${i.message}`).join('; ')}`,
    );
    this.name = 'MalformedInputError';
    this.source = source;
    this.id = id;
    this.issues = issues;
  }
}

const issuesOf = (error: z.core.$ZodError) =>
  error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));

/** Parses what arrived at an edge with its schema; a refusal names the fields and the arrival's id. */
export function parseArrival<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  arrival: { source: string; id: string },
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new MalformedInputError(arrival.source, arrival.id, issuesOf(parsed.error));
  return parsed.data;
}

/** The event to publish; a detail that does not fit the schema is our own bug and throws here. */
export function eventOf<E extends EventDefinition>(definition: E, detail: z.input<E['detail']>): DomainEvent {
  const parsed = parseArrival(definition.detail, detail, {
    source: `${definition.name} event to publish`,
    id: 'unpublished',
  }) as Record<string, unknown>;
  return { detailType: definition.name, detail: { ...parsed, schemaVersion: definition.version } };
}

/** What a Lambda target receives from EventBridge, as far as we read it. */
const Envelope = z.object({
  id: z.string(),
  'detail-type': z.string(),
  source: z.literal(eventSource),
  time: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

export type ArrivedEvent<E extends EventDefinition> =
  E extends EventDefinition<infer N, infer S>
    ? { name: N; id: string; time: string; detail: z.output<S> }
    : never;

/** Whether something that arrived is an EventBridge event at all (a function may also take schedules). */
export const isBusEvent = (input: unknown): boolean =>
  typeof input === 'object' && input !== null && 'detail-type' in input;

/**
 * Reads an arriving EventBridge event as one of the events a subscriber takes. Anything else — an
 * unknown detail-type, a newer version, a detail its schema refuses — is a MalformedInputError.
 */
export function readEvent<const D extends readonly EventDefinition[]>(
  input: unknown,
  definitions: D,
): ArrivedEvent<D[number]> {
  const envelope = parseArrival(Envelope, input, {
    source: 'event',
    id: String((input as { id?: unknown } | null)?.id ?? 'unknown'),
  });
  const arrival = { source: `${envelope['detail-type']} event`, id: envelope.id };
  const definition = definitions.find((d) => d.name === envelope['detail-type']);
  if (!definition)
    throw new MalformedInputError(arrival.source, arrival.id, [
      { field: 'detail-type', message: `Not one of ${definitions.map((d) => d.name).join(', ')}` },
    ]);
  const version = envelope.detail.schemaVersion ?? 1;
  if (typeof version !== 'number' || version > definition.version)
    throw new MalformedInputError(arrival.source, arrival.id, [
      {
        field: 'detail.schemaVersion',
        message: `This function reads version ${definition.version} or older`,
      },
    ]);
  const detail = parseArrival(definition.detail, envelope.detail, arrival);
  return { name: definition.name, id: envelope.id, time: envelope.time, detail } as ArrivedEvent<D[number]>;
}

/** What an EventBridge cron rule hands its target (the daily jobs). */
export const ScheduledEvent = z.object({
  id: z.string(),
  'detail-type': z.literal('Scheduled Event'),
  source: z.literal('aws.events'),
  time: Timestamp,
});
