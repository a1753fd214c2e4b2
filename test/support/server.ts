// A real Linkki server for a test: the Node wiring over a fresh libSQL temp file that ran
// the real migrations, on a free port, reached over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import type { BotCheck } from '../../api/adapters/bot-check.ts';
import type { Clock } from '../../api/adapters/clock.ts';
import { generateKeyMaterial } from '../../api/adapters/keys.ts';
import { defaultConfig, type AppConfig, type Deps } from '../../api/deps.ts';
import { createPartner as createPartnerVerb } from '../../api/domain/partners.ts';
import { startNodeServer } from '../../api/node-server.ts';

export type TestServer = {
  url: string;
  dbPath: string;
  db: Client;
  deps: Deps;
  createPartner(input?: { origins?: string[]; name?: string; presets?: Record<string, string> }): Promise<{ id: string; publicKey: string }>;
  close(): Promise<void>;
};

export async function startServer(opts: {
  now?: () => Date;
  clock?: Clock;
  config?: Partial<AppConfig>;
  botCheck?: BotCheck;
} = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'linkki-test-'));
  const dbPath = join(dir, 'linkki.db');
  const clock = opts.clock ?? (opts.now ? { now: opts.now } : undefined);
  // Port 0 picks a free port; publicUrl follows once it is known (it only names links).
  const server = await startNodeServer({
    dbPath,
    keyMaterial: generateKeyMaterial(),
    config: defaultConfig({
      ...opts.config,
      rateLimits: { intake: { limit: 1000, windowSeconds: 60 }, lookup: { limit: 1000, windowSeconds: 60 }, ...opts.config?.rateLimits },
    }),
    port: 0,
    hostname: '127.0.0.1',
    clock,
    botCheck: opts.botCheck,
  });
  if (!opts.config?.publicUrl) server.deps.config.publicUrl = server.url;
  return {
    url: server.url,
    dbPath,
    db: server.client,
    deps: server.deps,
    createPartner: (input = {}) =>
      createPartnerVerb(server.deps, {
        name: input.name ?? 'Test partner',
        kind: 'hardware_store',
        allowedOrigins: input.origins ?? [],
        presets: input.presets,
      }),
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
