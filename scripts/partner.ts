// `npm run partner -- add --name "Rautakauppa Oy" --kind hardware_store --origin https://shop.example [--origin …]`
// `npm run partner -- list` · `npm run partner -- deactivate <publicKey>`
// Manages partners in the database named by DATABASE_URL (default data/linkki.db) until the
// admin API exists.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { noCache } from '../api/adapters/cache.ts';
import { systemClock } from '../api/adapters/clock.ts';
import { createDatabase } from '../api/db/client.ts';
import { migrate } from '../api/db/migrate.ts';
import { readMigrations } from '../api/db/migrations-node.ts';
import { openFileDatabase } from '../api/db/open-file.ts';
import { systemActor } from '../api/domain/context.ts';
import { createPartner, NewPartner, rotatePartnerSecret } from '../api/domain/partners.ts';

const usage = `Usage:
  npm run partner -- add --name NAME --kind hardware_store|housing_company|other --origin URL [--origin URL…]
                         [--category ID] [--customer-type person|company|housing_company] [--housing-company NAME]
  npm run partner -- list
  npm run partner -- deactivate PUBLIC_KEY
  npm run partner -- secret PUBLIC_KEY      a new secret key for the partner's backend (shown once; the old one stops working)`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    kind: { type: 'string', default: 'other' },
    origin: { type: 'string', multiple: true, default: [] },
    category: { type: 'string' },
    'customer-type': { type: 'string' },
    'housing-company': { type: 'string' },
  },
});

const client = await openFileDatabase(resolve((process.env.DATABASE_URL ?? 'data/linkki.db').replace(/^file:/, '')));
await migrate(client, readMigrations());
// A separate process: a running Node server's memory cache learns of a new partner's key at
// once (the key was never cached) and of changed origins within config.ts `widgetCache`.
const ctx = { db: createDatabase(client), client, clock: systemClock, cache: noCache };

try {
  const [command, arg] = positionals;
  if (command === 'add') {
    const presets = Object.fromEntries(
      Object.entries({
        category: values.category,
        customerType: values['customer-type'],
        housingCompanyName: values['housing-company'],
      }).filter(([, x]) => x !== undefined),
    );
    const input = { name: values.name ?? '', kind: values.kind, allowedOrigins: values.origin, presets };
    const parsed = v.safeParse(NewPartner, input);
    if (!parsed.success) {
      for (const i of parsed.issues) console.error(`${v.getDotPath(i) ?? 'input'}: ${i.message}`);
      process.exitCode = 2;
    } else {
      const { id, publicKey } = await createPartner(ctx, parsed.output);
      console.log(
        `Created partner ${id}\npublic key: ${publicKey}\nembed:\n  <script type="module" src="PUBLIC_URL/widget.js"></script>\n  <linkki-request partner="${publicKey}" lang="fi"></linkki-request>`,
      );
    }
  } else if (command === 'list') {
    const rows = await client.execute(
      `SELECT p.public_key, p.name, p.kind, p.active, group_concat(o.origin, ' ') AS origins
       FROM partners p LEFT JOIN partner_origins o ON o.partner_id = p.id GROUP BY p.id ORDER BY p.created_at`,
    );
    for (const r of rows.rows)
      console.log(`${r.public_key}\t${r.active ? 'active' : 'inactive'}\t${r.kind}\t${r.name}\t${r.origins ?? ''}`);
  } else if (command === 'deactivate' && arg) {
    const res = await client.execute({ sql: 'UPDATE partners SET active = 0 WHERE public_key = ?', args: [arg] });
    console.log(res.rowsAffected ? `Deactivated ${arg}` : `No partner ${arg}`);
    if (!res.rowsAffected) process.exitCode = 1;
  } else if (command === 'secret' && arg) {
    const found = await client.execute({ sql: 'SELECT id FROM partners WHERE public_key = ?', args: [arg] });
    const id = found.rows[0]?.id;
    if (typeof id !== 'string') {
      console.error(`No partner ${arg}`);
      process.exitCode = 1;
    } else {
      const { secretKey } = await rotatePartnerSecret({ ctx, actor: systemActor('partner-cli'), input: { id } });
      console.log(
        `Secret key for ${arg} (shown only now; the old one, if any, no longer works):\n  ${secretKey}\n` +
          `Send requests from the partner's server with  Authorization: Bearer ${secretKey}  and no Origin header.`,
      );
    }
  } else {
    console.error(usage);
    process.exitCode = 2;
  }
} finally {
  client.close();
}
