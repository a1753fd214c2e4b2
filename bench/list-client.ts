// The HTTP client of `npm run bench:list`, run in worker threads: the server under test listens
// on the bench's main thread (startNodeServer, in process), and what the client spends on fetch
// and on reading answers must not run on that event loop, or it would be counted as the server's.
// Each thread takes one job at a time from its port and answers with what it measured.
import { parentPort } from 'node:worker_threads';

export type Job =
  /** `n` requests one after another (after `warmup` unmeasured), each timed until its body is read. */
  | { kind: 'time'; url: string; headers: Record<string, string>; n: number; warmup: number }
  /** `loops` concurrent loops through `urls`, round robin, until a `stop` message. */
  | { kind: 'hammer'; urls: string[]; headers: Record<string, string>; loops: number };
export type Timed = { latencies: number[]; failures: string[] };

async function timed(url: string, headers: Record<string, string>): Promise<{ ms: number; status: number | string }> {
  const t = performance.now();
  try {
    const res = await fetch(url, { headers, redirect: 'manual' });
    await res.arrayBuffer();
    return { ms: performance.now() - t, status: res.status };
  } catch (err) {
    // A failed request is a failure to report with the others, not an uncaught error that ends the thread.
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { ms: performance.now() - t, status: `${(err as Error).message} (${cause?.code ?? cause?.message ?? 'no cause'})` };
  }
}

async function time(job: Extract<Job, { kind: 'time' }>): Promise<Timed> {
  const latencies: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < job.warmup + job.n; i++) {
    const { ms, status } = await timed(job.url, job.headers);
    if (status !== 200) failures.push(`${status} ${job.url}`);
    if (i >= job.warmup) latencies.push(ms);
  }
  return { latencies, failures };
}

async function hammer(job: Extract<Job, { kind: 'hammer' }>, stopped: Promise<void>): Promise<Timed> {
  let running = true;
  void stopped.then(() => (running = false));
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: job.loops }, async () => {
      while (running) {
        const url = job.urls[next++ % job.urls.length]!;
        const { ms, status } = await timed(url, job.headers);
        if (status !== 200) failures.push(`${status} ${url}`);
        latencies.push(ms);
      }
    }),
  );
  return { latencies, failures };
}

const port = parentPort!;
let stop = () => {};
port.on('message', async (message: Job | { kind: 'stop' }) => {
  if (message.kind === 'stop') return stop();
  if (message.kind === 'time') return port.postMessage(await time(message));
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  port.postMessage(await hammer(message, stopped));
});
