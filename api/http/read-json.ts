// Our own body reader: Hono's json validator reads {} when the content type is not JSON and
// @hono/valibot-validator echoes the input (contact details) in its errors. Here: JSON only,
// malformed → 400, rule broken → 422 with path and code, never the value.
import type { Context } from 'hono';
import * as v from 'valibot';
import type { Issue } from '../contract/errors.ts';
import { AppError, invalid, issue } from './errors.ts';

export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new AppError('unsupported_media_type');
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('malformed_json');
  }
}

export function parseOr422<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw invalid(toIssues(result.issues));
}

export function toIssues(issues: readonly v.BaseIssue<unknown>[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of issues) {
    const path = v.getDotPath(i) ?? '';
    if (seen.has(path)) continue; // one message per field, the first rule broken
    seen.add(path);
    const code = i.message.includes(' ') ? (i.input === undefined ? 'required' : 'invalid_choice') : i.message;
    out.push(issue(path, code));
  }
  return out;
}
