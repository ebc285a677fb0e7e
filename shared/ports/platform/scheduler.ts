/** A one-time schedule that invokes a function of the manifest with a payload at a given time. */
export interface OneTimeSchedule {
  /** Unique and stable, so that rescheduling replaces and cancelling finds it. */
  name: string;
  at: Date;
  /** Manifest id of a function whose trigger is `scheduleTarget`. */
  target: string;
  payload: Record<string, unknown>;
}

export interface Scheduler {
  /** Creates the schedule, or moves it if one of that name exists. */
  schedule(schedule: OneTimeSchedule): Promise<void>;
  /** Removes the schedule; a schedule that does not exist (fired, or never made) is fine. */
  cancel(name: string): Promise<void>;
  /** Whether the schedule is still waiting to fire (the compliance sweep checks its plans). */
  exists(name: string): Promise<boolean>;
}
