// /v1/invoices, credits and "not for us" (billing issue). Mounted at /v1 in api/app.ts:
// put middleware on each route, never with .use() (it would apply to every /v1 path).
import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';

export const billingRoutes = new Hono<AppEnv>();
