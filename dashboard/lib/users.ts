// Inviting and removing a company's users, shared by the owner's page and staff's page.
import { NewUser } from '../../api/contract/auth.ts';
import { createUser, listCompanyUsers, type CompanyUser } from '../../api/domain/users.ts';
import { currentUser } from '../../api/http/auth.ts';
import { AppError } from '../../api/domain/errors.ts';
import { asApp, type DashContext } from '../context.ts';
import { setFlash } from './flash.ts';
import { check, fieldErrorsOf, type FieldErrors, type Form } from './form.ts';

export type InviteResult = { ok: true } | { ok: false; values: Form; errors: FieldErrors };

/** Creates the user and seals the invite link into the next page's one-time notice. */
export async function inviteUser(c: DashContext, companyId: string, form: Form): Promise<InviteResult> {
  const values = { name: form.name ?? '', email: form.email ?? '', role: form.role ?? '', locale: form.locale ?? '' };
  const checked = check(NewUser, values);
  if (!checked.ok) return { ok: false, values, errors: checked.errors };
  try {
    const created = await createUser({ ctx: c.var.deps, actor: currentUser(asApp(c)), companyId, input: checked.value });
    await setFlash(c, { kind: 'invite', name: checked.value.name, url: created.inviteUrl });
    return { ok: true };
  } catch (err) {
    return { ok: false, values, errors: fieldErrorsOf(err) };
  }
}

/** A user of this company, or the 404 page: ids never confirm what exists elsewhere. */
export async function companyUser(c: DashContext, companyId: string, userId: string): Promise<CompanyUser> {
  const users = await listCompanyUsers({ ctx: c.var.deps, actor: currentUser(asApp(c)), input: { companyId } });
  const found = users.find((u) => u.id === userId && u.active);
  if (!found) throw new AppError('not_found');
  return found;
}
