/**
 * A recurring job: one scheduler row for the name, run every `intervalMs` by whichever worker process locks it
 * (never one job per debtor: the work inside selects its own rows in batches). No I/O itself.
 */
export interface RecurringJob {
  name: string;
  intervalMs: number;
  /** The work; `touch` extends the job's lock (call it between batches of a long run). */
  run(touch: () => Promise<void>): Promise<void>;
}

/** Runs a worker process's recurring jobs (src/adapters/scheduler: Agenda on the service's database). */
export interface Scheduler {
  start(jobs: readonly RecurringJob[]): Promise<void>;
  /** Waits for running jobs to finish (up to `timeoutMs`), then stops; call it before the database closes. Idempotent. */
  stop(timeoutMs?: number): Promise<void>;
}
