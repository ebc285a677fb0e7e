/** Time comes from a port so tests and the local runtime can walk through days without sleeping. */
export interface Clock {
  now(): Date;
}
