// `npm run bench:mail`: how fast the sender empties a backlog. BENCH_MAILS requests (default
// 5000) come in through intake over HTTP, each writing its confirmation to the outbox as intake
// does; then the sender drains them through nodemailer to a local SMTP server (smtp-server, as in
// test/support/mail-inbox.ts, but counting instead of parsing). BENCH_SMTP_LATENCY_MS (default 0)
// holds each reply to the final dot that long, like a relay across the network. smtp-server
// waits 100 ms before its greeting on every new connection (its early-talker check; real MTAs
// pause too, and across a network a connection costs TCP, TLS, EHLO and AUTH round trips), so
// connection reuse shows; its reverse DNS look-up is off, to keep the machine's resolver out.
// Reports what one drain call sends (what the Node pump and the cron get per run) and the
// sustained rate of drain calls run back to back until nothing is due; checks that every mail
// arrived exactly once. Prints JSON lines, then a Markdown table. Not a test: numbers go to
// BENCHMARKS.md.
import { execSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { SMTPServer } from 'smtp-server';
import { drainOutbox } from '../api/jobs/send-mail.ts';
import { postRequest, validRequest } from '../test/support/intake.ts';
import { startServer } from '../test/support/server.ts';

const mails = Number(process.env.BENCH_MAILS ?? 5000);
const latencyMs = Number(process.env.BENCH_SMTP_LATENCY_MS ?? 0);
const intakeConcurrency = 16;

/** Arrivals by Message-ID (the outbox row's id): a second arrival of one id is a doubled mail. */
const arrived = new Map<string, number>();
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  disableReverseLookup: true,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const id = /^Message-ID:\s*<([^@>]+)@/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? 'none';
      arrived.set(id, (arrived.get(id) ?? 0) + 1);
      if (latencyMs > 0) setTimeout(callback, latencyMs);
      else callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

const huge = { limit: 100_000_000, windowSeconds: 60 };
const server = await startServer({
  mail: { smtpUrl },
  config: { rateLimits: { intake: huge, lookup: huge, login: huge }, mailCaps: { confirmationsPerPartnerPerHour: 100_000_000 } },
});
const origin = 'https://rautakauppa.example';
const { publicKey } = await server.createPartner({ origins: [origin] });

const filling = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: intakeConcurrency }, async () => {
    while (next < mails) {
      const i = next++;
      const res = await postRequest(server.url, validRequest(publicKey, { email: `asiakas-${i}@example.fi` }), { origin });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  }),
);
const fillSeconds = (performance.now() - filling) / 1000;
const due = async () =>
  Number(
    (
      await server.db.execute("SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?", [
        server.clock.now().getTime(),
      ])
    ).rows[0]!.n,
  );
const dueAtStart = await due();

const commit =
  execSync('git rev-parse --short HEAD').toString().trim() + (execSync('git status --porcelain -- api').length ? '+changes' : '');
const common = { commit, mails: dueAtStart, smtpLatencyMs: latencyMs, cpus: cpus().length, node: process.version };
const started = performance.now();
const cpu = process.cpuUsage();
const calls: { sent: number; seconds: number }[] = [];
for (;;) {
  const t = performance.now();
  const report = await drainOutbox(server.deps, server.clock.now());
  const sent = report.mailSent + report.mailRetried + report.mailFailed + report.mailCancelled + report.mailUnknown;
  calls.push({ sent, seconds: (performance.now() - t) / 1000 });
  if (sent === 0 || calls.length > mails) break;
}
const seconds = (performance.now() - started) / 1000;
const { user, system } = process.cpuUsage(cpu);
const left = await due();
const delivered = [...arrived.values()].reduce((s, n) => s + n, 0);
const doubled = [...arrived.values()].filter((n) => n > 1).length;
const [first] = calls;
const oneCall = {
  ...common,
  phase: 'one drain call',
  sent: first!.sent,
  seconds: round(first!.seconds),
  mailsPerSecond: round(first!.sent / first!.seconds),
};
const sustained = {
  ...common,
  phase: 'drain calls back to back until none due',
  calls: calls.length - 1,
  delivered,
  doubled,
  leftDue: left,
  seconds: round(seconds),
  mailsPerSecond: round(delivered / seconds),
  // The whole process: the sender, nodemailer and the SMTP server taking the mail.
  cpuMsPerMail: round((user + system) / 1000 / delivered),
  load: loadavg().map((l) => round(l)),
};
const rows = [
  { ...common, phase: 'intake', requests: mails, seconds: round(fillSeconds), perSecond: round(mails / fillSeconds) },
  oneCall,
  sustained,
];
for (const row of rows) console.log(JSON.stringify(row));
// The same figures in the shape every bench prints (`npm run bench` renders BENCHMARKS.md from them).
const figures: [string, string, number, string][] = [
  ['settings', 'mailsDue', dueAtStart, 'mails'],
  ['settings', 'smtpLatencyMs', latencyMs, 'ms'],
  ['intake', 'requestsPerSecond', round(mails / fillSeconds), 'req/s'],
  ['one drain call', 'sent', first!.sent, 'mails'],
  ['one drain call', 'mailsPerSecond', oneCall.mailsPerSecond, 'mails/s'],
  ['drain calls back to back', 'calls', calls.length - 1, 'calls'],
  ['drain calls back to back', 'mailsPerSecond', sustained.mailsPerSecond, 'mails/s'],
  ['drain calls back to back', 'cpuMsPerMail', sustained.cpuMsPerMail, 'ms'],
  ['drain calls back to back', 'delivered', delivered, 'mails'],
  ['drain calls back to back', 'doubled', doubled, 'mails'],
];
for (const [name, metric, value, unit] of figures) console.log(JSON.stringify({ bench: 'mail', case: name, metric, value, unit }));
console.log(`
| commit | mails due | SMTP latency | sent by one drain call | its mails/s | calls until none due | sustained mails/s | CPU ms per mail | delivered / doubled |
| ------ | --------: | -----------: | ---------------------: | ----------: | -------------------: | ----------------: | --------------: | ------------------: |
| \`${commit}\` | ${dueAtStart} | ${latencyMs} ms | ${first!.sent} | ${oneCall.mailsPerSecond} | ${calls.length - 1} | **${sustained.mailsPerSecond}** | ${sustained.cpuMsPerMail} | ${delivered} / ${doubled} |`);

await server.close();
await new Promise<void>((resolve) => smtp.close(() => resolve()));
if (delivered !== dueAtStart || doubled > 0 || left > 0) {
  console.error(`expected ${dueAtStart} mails delivered once each: ${delivered} delivered, ${doubled} doubled, ${left} still due`);
  process.exit(1);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
