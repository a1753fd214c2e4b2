// `npm start` as a child process (api/node.ts): where it listens, who sees /dev/outbox, what it
// warns about, the demo data in production, and that seeding sends no mail (issue 10, item 3).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, expect, test } from 'vitest';
import { demoContractor } from '../../api/domain/bootstrap.ts';
import { readNodeEnv, startWarnings } from '../../api/environment-node.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkki-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// An address of this machine that is not loopback: a peer connecting to it is "another machine" to the server.
const lan = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
const admin = { email: 'yllapito@linkki.test', password: 'ylläpitäjän-salasana-42' };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts `npm start`'s entry; resolves once it printed its summary and, if asked, the warning on stderr. */
async function start(env: Record<string, string>, warning?: RegExp) {
  const port = await freePort();
  const child = spawn(process.execPath, ['api/node.ts'], {
    env: { PATH: process.env.PATH!, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    // stdout and stderr are separate pipes: wait for each on its own, never for time.
    const check = () => {
      if (stdout.includes('API description') && (!warning || warning.test(stderr))) resolve();
    };
    child.stdout.on('data', (d) => {
      stdout += d;
      check();
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      check();
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return {
    port,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

test('HOST: 127.0.0.1 by default, 0.0.0.0 by default in production, as set otherwise', () => {
  const DATABASE_URL = join(dir, 'env', 'linkki.db');
  expect(readNodeEnv({ DATABASE_URL }).host).toBe('127.0.0.1');
  expect(readNodeEnv({ DATABASE_URL, NODE_ENV: 'production', LINKKI_KEYS: readFileSync(join(dir, 'env', 'keys.json'), 'utf8') }).host).toBe(
    '0.0.0.0',
  );
  expect(readNodeEnv({ DATABASE_URL, HOST: '::' }).host).toBe('::');
});

test('a development start warns loudly when PUBLIC_URL is not local or HOST is not loopback, never in production', () => {
  const s = readNodeEnv({ DATABASE_URL: join(dir, 'env', 'linkki.db') });
  expect(startWarnings(s)).toEqual([]);
  expect(startWarnings({ ...s, config: { ...s.config, publicUrl: 'https://linkki.example.fi' } })[0]).toMatch(
    /PUBLIC_URL is https:\/\/linkki.example.fi, but NODE_ENV is not production/,
  );
  expect(startWarnings({ ...s, host: '0.0.0.0' })[0]).toMatch(/HOST is 0.0.0.0/);
  expect(
    startWarnings({ ...s, production: true, host: '0.0.0.0', config: { ...s.config, publicUrl: 'https://linkki.example.fi' } }),
  ).toEqual([]);
});

test('npm start: loopback only, a warning for a public PUBLIC_URL, /dev/outbox for this machine, demo seed mails nobody', async () => {
  const DATABASE_URL = join(dir, 'dev', 'linkki.db');
  const app = await start({ DATABASE_URL, PUBLIC_URL: 'https://linkki.example.fi', SMTP_URL: 'smtp://127.0.0.1:9' }, /WARNING: PUBLIC_URL/);
  try {
    expect(app.stdout()).toContain(`listening on 127.0.0.1:${app.port}`);
    expect(app.stderr()).toMatch(/WARNING: PUBLIC_URL is https:\/\/linkki.example.fi, but NODE_ENV is not production/);
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
    if (lan) await expect(fetch(`http://${lan}:${app.port}/healthz`)).rejects.toThrow();
    // Seeded: the demo contractor's invite, the demo customers' confirmations and the alerts are all cancelled, none pending.
    const db = createClient({ url: `file:${DATABASE_URL}` });
    const rows = (await db.execute('SELECT status, last_error, count(*) AS n FROM outbox GROUP BY 1, 2')).rows.map((r) => [
      r.status,
      r.last_error,
    ]);
    db.close();
    expect(rows).toEqual([['cancelled', 'demo_seed']]);
  } finally {
    await app.stop();
  }
});

// Needs an address of this machine that is not loopback (every CI and dev machine here has one).
if (lan)
  test('/dev/outbox: 404 for a peer on another address (whatever its headers say), 200 for loopback and for a signed-in admin', async () => {
    const app = await start(
      { DATABASE_URL: join(dir, 'lan', 'linkki.db'), HOST: '0.0.0.0', ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password },
      /WARNING: HOST/,
    );
    const base = `http://${lan}:${app.port}`;
    try {
      expect(app.stderr()).toMatch(/WARNING: HOST is 0.0.0.0/);
      expect((await fetch(`http://127.0.0.1:${app.port}/dev/outbox`)).status).toBe(200);
      expect((await fetch(`${base}/dev/outbox`)).status).toBe(404);
      expect(
        (await fetch(`${base}/dev/outbox`, { headers: { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', host: '127.0.0.1' } }))
          .status,
      ).toBe(404);
      const contractor = await fetch(`${base}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: `http://localhost:${app.port}` },
        body: JSON.stringify({ email: demoContractor.email, password: demoContractor.password }),
      });
      expect(contractor.status).toBe(200);
      expect(
        (await fetch(`${base}/dev/outbox`, { headers: { cookie: contractor.headers.get('set-cookie')!.split(';')[0]! } })).status,
      ).toBe(404);
      const login = await fetch(`${base}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: `http://localhost:${app.port}` },
        body: JSON.stringify(admin),
      });
      expect(login.status).toBe(200);
      expect((await fetch(`${base}/dev/outbox`, { headers: { cookie: login.headers.get('set-cookie')!.split(';')[0]! } })).status).toBe(
        200,
      );
    } finally {
      await app.stop();
    }
  });

test('a production start on a database first started in development deactivates the demo contractor and partner', async () => {
  const DATABASE_URL = join(dir, 'promoted', 'linkki.db');
  const dev = await start({ DATABASE_URL });
  await dev.stop();
  const prod = await start({
    DATABASE_URL,
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://localhost',
    HOST: '127.0.0.1',
    LINKKI_KEYS: readFileSync(join(dir, 'promoted', 'keys.json'), 'utf8'),
  });
  try {
    expect(prod.stdout()).toContain(`deactivated the demo contractor ${demoContractor.email}`);
    expect(prod.stdout()).toContain('deactivated the demo partner "demo"');
    expect(prod.stdout()).not.toContain(demoContractor.password);
    const login = await fetch(`http://127.0.0.1:${prod.port}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ email: demoContractor.email, password: demoContractor.password }),
    });
    expect(login.status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${prod.port}/v1/widget/config?partner=demo`)).status).toBe(404);
  } finally {
    await prod.stop();
  }
});
