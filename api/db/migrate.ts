// Applies migrations/*.sql in order, once each, then upserts reference data (regions from
// the contract, starter categories). Used by `npm start`, the test setup and operators.
import type { Client, InStatement } from '@libsql/client';
import { regions } from '../contract/regions.ts';
import { rowReader, text } from './rows.ts';
import { starterCategories } from './seed-data.ts';

export type Migration = { name: string; sql: string };

const readApplied = rowReader({ name: text });

export async function migrate(client: Client, migrations: Migration[]): Promise<string[]> {
  await client.execute('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const done = new Set((await client.execute('SELECT name FROM schema_migrations')).rows.map((r) => readApplied(r).name));
  const applied: string[] = [];
  for (const m of [...migrations].sort((a, b) => a.name.localeCompare(b.name))) {
    if (done.has(m.name)) continue;
    const statements: InStatement[] = m.sql
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean);
    // One write batch per migration: it lands whole or not at all. OR IGNORE makes a
    // concurrent second migrator harmless.
    statements.push({
      sql: 'INSERT OR IGNORE INTO schema_migrations (name, applied_at) VALUES (?, ?)',
      args: [m.name, Date.now()],
    });
    await client.batch(statements, 'write');
    applied.push(m.name);
  }
  await client.batch(referenceData(), 'write');
  return applied;
}

function referenceData(): InStatement[] {
  return [
    ...regions.map((r) => ({
      sql: `INSERT INTO regions (code, name_fi, name_sv, name_en) VALUES (?, ?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET name_fi = excluded.name_fi, name_sv = excluded.name_sv, name_en = excluded.name_en`,
      args: [r.code, r.fi, r.sv, r.en],
    })),
    ...starterCategories.map((c) => ({
      sql: `INSERT OR IGNORE INTO categories (id, label_fi, label_sv, label_en, price_cents, max_buyers, sort, active)
            VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
      args: [c.id, c.labelFi, c.labelSv, c.labelEn, c.priceCents, c.maxBuyers, c.sort],
    })),
  ];
}
