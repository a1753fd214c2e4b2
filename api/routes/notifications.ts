// Notification preferences, unsubscribe links and the staff view of sent mail (mail issue).
// Mounted at /v1 in api/app.ts: put middleware on each route, never with .use().
import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';

export const notificationRoutes = new Hono<AppEnv>();
