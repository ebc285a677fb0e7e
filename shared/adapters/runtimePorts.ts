import type { Clock } from '#kernel/clock.ts';
import type { WeComCheckins } from '#ports/attendance/index.ts';
import type { FeedbackKeys, WeComDelivery } from '#ports/communication/index.ts';
import type { Identity } from '#ports/people/index.ts';
import type { CursorKeySource } from '#ports/platform/cursorKey.ts';
import type { EventBus } from '#ports/platform/eventBus.ts';
import type { Mailer } from '#ports/platform/mailer.ts';
import type { BusinessMetrics } from '#ports/platform/metrics.ts';
import type { Scheduler } from '#ports/platform/scheduler.ts';
import type { Signer } from '#ports/platform/signer.ts';
import type { Workflow } from '#ports/platform/workflow.ts';
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
  feedbackKeys: FeedbackKeys;
  identity: Identity;
  mailer: Mailer;
  metrics: BusinessMetrics;
  scheduler: Scheduler;
  signer: Signer;
  /** None where the company does not use WeCom. */
  wecom: WeComDelivery | undefined;
  /** WeCom's check-in records, where the company uses WeCom. */
  wecomCheckins: WeComCheckins | undefined;
  wecomCallbackKeys: () => Promise<
    { corpId: string; callbackToken: string; callbackAesKey: string } | undefined
  >;
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
