import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Clock } from '#kernel/clock.ts';
import { localDateTime, zonedInstant } from '#kernel/time.ts';
import type { FiredWork, LocalRuntime } from './runtime.ts';

/**
 * The manual clock of `npm start -- --clock manual`, moved by `npm run clock`. Local only: a
 * loopback server of its own, never part of the API, its OpenAPI document or anything deployed.
 */

const units: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/**
 * Where `to` moves the clock from `now`: `+3d`, `+2h`, `+1d12h`, `+90m`, `+1w`; a date and time on
 * the company's wall clock (`2026-12-20T09:00`), a date (its midnight there), or an instant with an
 * offset (`2026-12-20T09:00+08:00`, `…Z`).
 */
export function clockTarget(to: string, now: Date, timeZone: string): Date {
  const relative = /^\+((?:\d+[wdhm])+)$/.exec(to);
  if (relative) {
    let ms = 0;
    for (const [, amount, unit] of (relative[1] as string).matchAll(/(\d+)([wdhm])/g))
      ms += Number(amount) * (units[unit as string] as number);
    return new Date(now.getTime() + ms);
  }
  const local = /^(\d{4}-\d{2}-\d{2})(?:T((?:[01]\d|2[0-3]):[0-5]\d)(?::[0-5]\d)?)?$/.exec(to);
  const date = local?.[1] as string;
  const isDay = local && !Number.isNaN(Date.parse(date)) && new Date(date).toISOString().startsWith(date);
  if (isDay) return zonedInstant(date, local[2] ?? '00:00', timeZone);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(to)) {
    const at = new Date(to);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new Error(
    `"${to}" is not a time to move to: say +3d, +2h, +1d12h or +30m, or a time such as 2026-12-20T09:00 (${timeZone}) or 2026-12-20T01:00Z`,
  );
}

/** The clock's time as the company reads it: `2026-12-20 09:00`. */
export const wallClock = (at: Date | string, timeZone: string) =>
  localDateTime(new Date(at), timeZone).slice(0, 16).replace('T', ' ');

/** Where a data folder's manual clock stood when it last moved, so a restart resumes there. */
const clockFile = (dataDir: string) => join(dataDir, 'clock.json');

export const saveClock = (dataDir: string, at: Date) =>
  writeFileSync(clockFile(dataDir), JSON.stringify({ now: at.toISOString() }));

export function savedClock(dataDir: string): Date | undefined {
  const file = clockFile(dataDir);
  if (!existsSync(file)) return undefined;
  const { now } = JSON.parse(readFileSync(file, 'utf8')) as { now?: string };
  return now ? new Date(now) : undefined;
}

export interface ClockAnswer {
  now: string;
  timeZone: string;
  fired?: FiredWork[];
  upcoming: FiredWork[];
}

/** Serves GET /clock (the time and what is due next) and POST /clock {"to"} on loopback. */
export async function startClockControl(options: {
  runtime: Pick<LocalRuntime, 'advanceTo' | 'catchUp' | 'upcoming' | 'clock'>;
  timeZone: string;
  dataDir: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const { runtime, timeZone, dataDir } = options;
  const answer = async (fired?: FiredWork[]): Promise<ClockAnswer> => ({
    now: runtime.clock.now().toISOString(),
    timeZone,
    ...(fired ? { fired } : {}),
    upcoming: (await runtime.upcoming()).slice(0, 10),
  });
  const server = createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    request.on('end', () => {
      void (async () => {
        if (request.url !== '/clock') return send(404, { error: 'GET or POST /clock' });
        if (request.method === 'GET') return send(200, await answer());
        if (request.method !== 'POST') return send(405, { error: 'GET or POST /clock' });
        let target: Date | undefined;
        try {
          const { to } = JSON.parse(text || '{}') as { to?: string };
          target = to ? clockTarget(to, runtime.clock.now(), timeZone) : undefined;
        } catch (error) {
          return send(400, { error: (error as Error).message });
        }
        // Without a time: only let what is due now run (and wait until it has).
        if (!target) return send(200, await answer(await runtime.catchUp()));
        if (target < runtime.clock.now())
          return send(409, {
            error: `The clock is at ${wallClock(runtime.clock.now(), timeZone)}; it does not go back to ${wallClock(target, timeZone)}`,
          });
        const fired = await runtime.advanceTo(target);
        saveClock(dataDir, runtime.clock.now());
        send(200, await answer(fired));
      })().catch((error: Error) => send(500, { error: error.message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/clock`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The clock of the stack a tool works on: the stack's manual clock when it has one (so a token is
 * issued, and evidence recorded, at the stack's own time), else the system's.
 */
export async function stackClock(running: { clock?: string }): Promise<Clock> {
  if (!running.clock) return { now: () => new Date() };
  const answer = await fetch(running.clock).catch(() => undefined);
  if (!answer?.ok) throw new Error('The local stack does not answer: is npm start still running?');
  const { now } = (await answer.json()) as ClockAnswer;
  const offset = new Date(now).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
