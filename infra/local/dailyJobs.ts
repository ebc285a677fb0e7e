import type { DeadLetter } from '#adapters/local/localEventBus.ts';
import type { Clock } from '#kernel/clock.ts';
import { nextDailyRun } from '#kernel/time.ts';

export interface DailyJob {
  functionId: string;
  /** Local hour in the company's time zone; `hourly` runs at the start of every hour. */
  hour: number | 'hourly';
}

/** The next start of an hour after `now`. */
const nextHour = (now: Date) => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
const nextRunOf = (job: DailyJob, now: Date, timeZone: string) =>
  job.hour === 'hourly' ? nextHour(now) : nextDailyRun(now, job.hour, timeZone);

/**
 * The cron rules of the daily jobs, in one process: each job fires when the clock passes its next
 * run, with the event EventBridge sends a scheduled rule's target. A clock that leaps several days
 * fires a job once, not once per day missed.
 */
export class LocalDailyJobs {
  private readonly next = new Map<string, Date>();
  private readonly jobs: readonly DailyJob[];
  private readonly timeZone: string;
  private readonly clock: Clock;
  private readonly invoke: (functionId: string, event: unknown) => Promise<unknown>;
  private readonly deadLetter: DeadLetter | undefined;

  constructor(options: {
    jobs: readonly DailyJob[];
    timeZone: string;
    clock: Clock;
    invoke: (functionId: string, event: unknown) => Promise<unknown>;
    deadLetter?: DeadLetter;
  }) {
    this.deadLetter = options.deadLetter;
    this.jobs = options.jobs;
    this.timeZone = options.timeZone;
    this.clock = options.clock;
    this.invoke = options.invoke;
    for (const job of this.jobs)
      this.next.set(job.functionId, nextRunOf(job, this.clock.now(), this.timeZone));
  }

  /** When each job runs next. */
  schedule(): Record<string, string> {
    return Object.fromEntries([...this.next].map(([id, at]) => [id, at.toISOString()]));
  }

  /** When the next job runs. */
  nextRun(): Date | undefined {
    const runs = [...this.next.values()].map((at) => at.getTime());
    return runs.length > 0 ? new Date(Math.min(...runs)) : undefined;
  }

  /** Runs every job whose time has come; returns their ids. A failed run is logged and dead-lettered. */
  async fireDue(): Promise<string[]> {
    const now = this.clock.now();
    const fired: string[] = [];
    for (const job of this.jobs) {
      const due = this.next.get(job.functionId);
      if (!due || due > now) continue;
      this.next.set(job.functionId, nextRunOf(job, now, this.timeZone));
      fired.push(job.functionId);
      const event = scheduledEvent(job.functionId, due);
      await this.invoke(job.functionId, event).catch(async (error: unknown) => {
        console.error(`Daily job ${job.functionId} failed:`, error);
        await this.deadLetter?.(job.functionId, event, error);
      });
    }
    return fired;
  }
}

/** What a daily EventBridge rule delivers to its target at `at`, as the local runtime fires it. */
export function scheduledEvent(functionId: string, at: Date) {
  return {
    version: '0',
    id: `${functionId}-${at.toISOString()}`,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    time: at.toISOString(),
    region: 'local',
    resources: [],
    detail: {},
  };
}
