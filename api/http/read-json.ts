// Our own body reader: Hono's json validator reads {} when the content type is not JSON and
// @hono/valibot-validator echoes the input (contact details) in its errors. Here: JSON only,
// malformed → 400, rule broken → 422 with path and code, never the value.
import type { Context } from 'hono';
import * as v from 'valibot';
import type { Issue } from '../contract/errors.ts';
import { AppError, invalid, issue } from '../domain/errors.ts';

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
    out.push(issue(path, codeOf(i), boundOf(i)));
  }
  return out;
}

/**
 * Our schemas name their codes in the message (`v.maxValue(100, 'too_large')`); valibot's own
 * messages are sentences, so those issues get a code from the kind of check that failed.
 */
const codeByType: Record<string, string> = {
  max_value: 'too_large',
  min_value: 'too_small',
  max_length: 'too_long',
  min_length: 'too_short',
  regex: 'invalid_format',
  email: 'invalid_email',
  url: 'invalid_format',
  integer: 'invalid_number',
  number: 'invalid_number',
  picklist: 'invalid_choice',
  literal: 'invalid_choice',
  enum: 'invalid_choice',
  union: 'invalid_choice',
  variant: 'invalid_choice',
};

function codeOf(i: v.BaseIssue<unknown>): string {
  if (!i.message.includes(' ')) return i.message;
  if (i.input === undefined) return 'required';
  return codeByType[i.type] ?? 'invalid';
}

/** The bound a too_large/too_small/too_long/too_short issue broke, so the message can say it. */
function boundOf(i: v.BaseIssue<unknown>): number | undefined {
  const r = (i as { requirement?: unknown }).requirement;
  const scalar = typeof i.input === 'string' || typeof i.input === 'number';
  return scalar && /^(max|min)_(value|length)$/.test(i.type) && typeof r === 'number' ? r : undefined;
}
