import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** What each scheduled run did, as of which instant: the proof that retention is enforced. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: text('id').primaryKey(),
    /** The instant the run acted as of (`--now`, the cron's scheduled time). */
    asOf: integer('as_of', { mode: 'timestamp_ms' }).notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    runner: text('runner').notNull(),
    /** JSON counts: requestsExpired, requestsPurged, sessionsDeleted, … */
    report: text('report'),
  },
  (t) => [index('job_runs_started_idx').on(t.startedAt)],
);
