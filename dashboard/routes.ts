// The dashboard: server-rendered pages for contractors and staff under /dashboard, and the
// invite page. No client script: forms post to the server, so a strict CSP holds.
import { Hono } from 'hono';
import type { AppEnv } from '../api/deps.ts';

export const dashboardRoutes = new Hono<AppEnv>();
