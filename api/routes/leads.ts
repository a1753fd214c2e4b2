// /v1/leads and /v1/purchases: contractors browse and buy requests (S5, S7).
import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';

export const leadRoutes = new Hono<AppEnv>();
