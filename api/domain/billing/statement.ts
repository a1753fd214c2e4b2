import type { InStatement, InValue } from '@libsql/client';

/**
 * A statement with only the named arguments its SQL uses. libSQL's HTTP protocol (the Worker)
 * refuses an argument the SQL does not name, where the local client lets it pass; batches that
 * share one set of arguments go through here.
 */
export function statement(sql: string, args: Record<string, InValue>): InStatement {
  const used = new Set([...sql.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]!));
  return { sql, args: Object.fromEntries(Object.entries(args).filter(([name]) => used.has(name))) };
}
