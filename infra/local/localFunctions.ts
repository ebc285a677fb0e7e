import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type FunctionDefinition, functionDefaults } from '#functions/manifest.ts';
import { repoRoot } from './paths.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * The manifest's functions, loaded on first use from the same entry files the CDK bundles, and
 * called with a Lambda-like context (remaining time counts down from the function's timeout).
 */
export class LocalFunctions {
  private readonly definitions: Map<string, FunctionDefinition>;
  private readonly loaded = new Map<string, Promise<Handler>>();

  constructor(manifest: readonly FunctionDefinition[]) {
    this.definitions = new Map(manifest.map((f) => [f.id, f]));
  }

  get(id: string): FunctionDefinition {
    const definition = this.definitions.get(id);
    if (!definition) throw new Error(`No function ${id} in the manifest`);
    return definition;
  }

  private handlerOf(definition: FunctionDefinition): Promise<Handler> {
    let handler = this.loaded.get(definition.id);
    if (!handler) {
      handler = import(pathToFileURL(join(repoRoot, definition.entry)).href).then(
        (module: { handler?: Handler }) => {
          if (typeof module.handler !== 'function') throw new Error(`${definition.entry} exports no handler`);
          return module.handler;
        },
      );
      this.loaded.set(definition.id, handler);
    }
    return handler;
  }

  async invoke(id: string, event: unknown): Promise<unknown> {
    const definition = this.get(id);
    const handler = await this.handlerOf(definition);
    const deadline = Date.now() + (definition.timeoutSeconds ?? functionDefaults.timeoutSeconds) * 1000;
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      functionName: definition.id,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${definition.id}`,
      memoryLimitInMB: String(definition.memoryMb ?? functionDefaults.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${definition.id}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => {},
      fail: () => {},
      succeed: () => {},
    } satisfies Context;
    return handler(event, context);
  }
}
