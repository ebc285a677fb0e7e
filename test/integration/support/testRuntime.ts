import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ManualClock } from '#adapters/local/manualClock.ts';
import { accountItem } from '#domain/people/access.ts';
import type { FunctionDefinition } from '#functions/manifest.ts';
import type { DeploymentConfig } from '#infra/config.ts';
import type { DemoCompany } from '#infra/local/demo/company.ts';
import { loadDemoCompany } from '#infra/local/demo/loadDemo.ts';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '#infra/local/runtime.ts';
import type { WorkflowDefinition } from '#infra/workflows/workflowDefinition.ts';
import type { Role } from '#kernel/principal.ts';

export const testEpoch = '2026-11-02T01:00:00.000Z';

export interface TestRuntime extends LocalRuntime {
  clock: ManualClock;
  /** Loads the demo company (宏图贸易): the people of the scenarios, with their roles. */
  loadDemo(): Promise<DemoCompany>;
  /** A token for someone of the demo company, with their roles. */
  tokenFor(employeeId: string): Promise<string>;
  /** Writes a live account (what the People capability provisions) and returns a token for it. */
  account(employeeId: string, roles: Role[], status?: 'enabled' | 'disabled'): Promise<string>;
  request(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
}

/** The local runtime on the shared emulators, with its own tables and a manual clock. */
export async function startTestRuntime(
  options: {
    manifest?: readonly FunctionDefinition[];
    workflows?: readonly WorkflowDefinition[];
    settings?: Partial<DeploymentConfig>;
    wecom?: LocalRuntimeOptions['wecom'];
    /** The functions' log level (SILENT unless a test reads the logs). */
    logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
    /** Where the clock starts, when a story begins before the shared epoch (a month from its first day). */
    epoch?: string;
  } = {},
): Promise<TestRuntime> {
  const clock = new ManualClock(options.epoch ?? testEpoch);
  const runtime = await startLocalRuntime({
    emulators: inject('emulators'),
    port: 0,
    namePrefix: `t${randomBytes(4).toString('hex')}`,
    clock,
    logLevel: options.logLevel ?? 'SILENT',
    ...(options.manifest ? { manifest: options.manifest } : {}),
    ...(options.workflows ? { workflows: options.workflows } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.wecom ? { wecom: options.wecom } : {}),
  });
  let demo: DemoCompany | undefined;
  return {
    ...runtime,
    clock,
    async loadDemo() {
      const load = await loadDemoCompany({
        dynamo: runtime.clients.dynamo,
        names: runtime.names,
        identity: runtime.identity,
        clock,
        timeZone: runtime.settings.companyTimeZone,
      });
      if (!load.loaded)
        throw new Error(`The demo loads into an empty store; ${load.holding.join(', ')} hold data`);
      demo = load.company;
      return demo;
    },
    async tokenFor(employeeId) {
      const person = demo?.people.find((p) => p.id === employeeId);
      if (!person) throw new Error(`${employeeId} is not in the loaded demo company`);
      return runtime.identityProvider.issue({ employeeId, groups: person.roles, ttlSeconds: 30 * 24 * 3600 });
    },
    async account(employeeId, roles, status = 'enabled') {
      await runtime.clients.dynamo.send(
        new PutCommand({
          TableName: runtime.names.tables.hr,
          Item: accountItem({ employeeId, status, roles }, { at: clock.now().toISOString(), version: 1 }),
        }),
      );
      return runtime.identityProvider.issue({ employeeId, groups: roles });
    },
    request: requestTo(runtime.url),
  };
}

/** Requests to the API at `url`, with `token` as the bearer token. */
export function requestTo(url: string): TestRuntime['request'] {
  return (path, init = {}) => {
    const { token, headers, ...rest } = init;
    return fetch(`${url}${path}`, {
      ...rest,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
  };
}
