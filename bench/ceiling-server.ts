// The ceiling intake is measured against (issue 12): the least a Hono route on Node can do for a
// request — read a JSON body, one INSERT into a libSQL file opened exactly as Linkki opens its
// own (api/db/open-file.ts: WAL, synchronous=FULL…), answer 201. Started by bench/intake.ts in a
// child process, as the real server is, so both pay the same HTTP and process costs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openFileDatabase } from '../api/db/open-file.ts';

const client = await openFileDatabase(join(mkdtempSync(join(tmpdir(), 'linkki-ceiling-')), 'ceiling.db'));
await client.execute('CREATE TABLE IF NOT EXISTS requests (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at INTEGER NOT NULL)');
const app = new Hono().post('/ceiling', async (c) => {
  const body = await c.req.json();
  const id = crypto.randomUUID();
  await client.execute({
    sql: 'INSERT INTO requests (id, body, created_at) VALUES (?, ?, ?)',
    args: [id, JSON.stringify(body), Date.now()],
  });
  return c.json({ id }, 201);
});
const port = Number(process.env.PORT);
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log(`ceiling running on ${port}`));
