// The widget's page-view ticks (shown, started; S13) summed in memory and written as one batch,
// so that a million page views a day are not a million database writes. One buffer per Node
// process and per Worker isolate (Deps.counters). The request that finds the oldest tick older
// than `flushSeconds` writes them all in its own batch (one round trip); Node also flushes on a
// timer and on close, the Worker's cron event flushes its isolate. What a crash or an evicted
// isolate loses is bounded: the ticks of at most `flushSeconds` (README, "Counters").
// `flushSeconds: 0` writes each tick at once (the tests' default; the counts are then exact).
import type { Ctx } from './context.ts';
import { counterDay, type WidgetEvent } from './counters.ts';

export type CounterBuffer = {
  /** Counts one tick; resolves once it is stored when the buffer is due (or writes through). */
  tick(ctx: Pick<Ctx, 'client' | 'clock'>, partnerId: string, event: WidgetEvent): Promise<void>;
  /** Writes whatever is buffered, in one batch. */
  flush(ctx: Pick<Ctx, 'client'>): Promise<void>;
  /** Ticks not yet written (for tests and diagnostics). */
  pending(): number;
};

export function counterBuffer(flushSeconds: number): CounterBuffer {
  let sums = new Map<string, number>();
  let oldest: number | undefined;
  let writing: Promise<void> | undefined;

  async function flush(ctx: Pick<Ctx, 'client'>): Promise<void> {
    await writing;
    if (sums.size === 0) return;
    const taken = sums;
    sums = new Map();
    oldest = undefined;
    const statements = [...taken].map(([key, n]) => {
      const [partnerId, day, event] = key.split('\u0000');
      return {
        // Adds to whatever other processes and isolates wrote: one statement, no read.
        sql: `INSERT INTO partner_counters (partner_id, day, event, count) VALUES (?, ?, ?, ?)
              ON CONFLICT (partner_id, day, event) DO UPDATE SET count = count + excluded.count`,
        args: [partnerId!, day!, event!, n],
      };
    });
    writing = ctx.client.batch(statements, 'write').then(
      () => undefined,
      (err: unknown) => {
        // Not lost on a failed write: back into the buffer, for the next flush.
        for (const [key, n] of taken) sums.set(key, (sums.get(key) ?? 0) + n);
        throw err;
      },
    );
    try {
      await writing;
    } finally {
      writing = undefined;
    }
  }

  return {
    async tick(ctx, partnerId, event) {
      const now = ctx.clock.now();
      const key = `${partnerId}\u0000${counterDay(now)}\u0000${event}`;
      sums.set(key, (sums.get(key) ?? 0) + 1);
      oldest ??= now.getTime();
      if (now.getTime() - oldest >= flushSeconds * 1000) await flush(ctx);
    },
    flush,
    pending: () => [...sums.values()].reduce((a, b) => a + b, 0),
  };
}
