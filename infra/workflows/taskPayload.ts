import { TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import type * as z from '#kernel/zod.ts';

/**
 * A Task state's payload, built from the schema its function parses the input with
 * (shared/domain/<area>/…Tasks.ts): each field of the schema, as a JSONPath (`JsonPath.stringAt(…)`)
 * or a fixed value. A field the schema lacks, or a required one left out, does not compile.
 */
export function taskPayload<S extends z.ZodMiniObject>(
  _schema: S,
  fields: { [K in keyof z.input<S>]: unknown },
): TaskInput {
  return TaskInput.fromObject(fields as Record<string, unknown>);
}
