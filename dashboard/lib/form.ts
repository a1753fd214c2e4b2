// Plain HTML forms: read the urlencoded body, check it with the contract's valibot schema, and
// turn rule breaks (ours or a verb's) into one error code per field for the page to show.
import * as v from 'valibot';
import { AppError } from '../../api/domain/errors.ts';
import { toIssues } from '../../api/http/read-json.ts';
import type { DashContext } from '../context.ts';

export type Form = Record<string, string>;
/** field name → issue code (the page's strings turn codes into sentences) */
export type FieldErrors = Record<string, string>;

export async function readForm(c: DashContext): Promise<Form> {
  const body = await c.req.parseBody();
  const form: Form = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') form[key] = value;
  return form;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function check<S extends v.GenericSchema>(schema: S, input: unknown): Checked<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, errors: Object.fromEntries(toIssues(result.issues).map((i) => [i.path, i.code])) };
}

/** A verb's refusal that belongs beside a field; anything else goes on to the error page. */
export function fieldErrorsOf(err: unknown): FieldErrors {
  if (err instanceof AppError) {
    if (err.code === 'invalid' || err.code === 'weak_password') {
      // A too-short password is told as such; other weak ones get the one weak_password sentence.
      const issues = (err.extra.issues ?? []) as { path: string; code: string; reason?: string }[];
      return Object.fromEntries(issues.map((i) => [i.path, i.reason === 'too_short' ? 'too_short' : i.code]));
    }
    if (err.code === 'email_taken' || err.code === 'business_id_taken') {
      return { [String(err.extra.field ?? 'email')]: err.code };
    }
  }
  throw err;
}

/** Drops empty strings, so that optional schema fields stay unset. */
export function filled(form: Form, ...names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (form[n]?.trim()) out[n] = form[n]!;
  return out;
}
