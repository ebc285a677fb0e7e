import type { CursorKeySource } from '#http/cursor.ts';
import type { Clock } from '#ports/clock.ts';
import type { EventBus } from '#ports/eventBus.ts';
import type { Identity } from '#ports/identity.ts';
import type { Mailer } from '#ports/notifier.ts';
import type { Scheduler } from '#ports/scheduler.ts';
import type { Signer } from '#ports/signer.ts';
import type { Workflow } from '#ports/workflow.ts';
import { systemClock } from './systemClock.ts';

/**
 * Ports that have no emulator. In Lambda nothing is installed and each resolves to its AWS adapter;
 * the local runtime installs in-process implementations before it loads any handler, so the same
 * handler code runs in both worlds.
 */
export interface InstallablePorts {
  clock: Clock;
  cursorKey: CursorKeySource;
  eventBus: EventBus;
  identity: Identity;
  mailer: Mailer;
  scheduler: Scheduler;
  signer: Signer;
  workflow: Workflow;
}

const installed: Partial<InstallablePorts> = {};

export function installLocalPorts(ports: Partial<InstallablePorts>): void {
  Object.assign(installed, ports);
}

export function resolvePort<K extends keyof InstallablePorts>(
  name: K,
  awsAdapter: () => InstallablePorts[K],
): InstallablePorts[K] {
  return installed[name] ?? awsAdapter();
}

/** The clock every handler uses. */
export const clock: Clock = { now: () => (installed.clock ?? systemClock).now() };
