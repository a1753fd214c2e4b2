// S26: users change their own name, email, password and language; email and password need
// the current password (updateMe checks it).
import { Hono } from 'hono';
import { MePatch } from '../../api/contract/auth.ts';
import { normaliseEmail } from '../../api/domain/contact.ts';
import { getMe, updateMe } from '../../api/domain/users.ts';
import { currentUser } from '../../api/http/auth.ts';
import { asApp, view, type DashEnv } from '../context.ts';
import { redirectWith, takeFlash } from '../lib/flash.ts';
import { check, fieldErrorsOf, readForm, type FieldErrors } from '../lib/form.ts';
import { accountPage } from '../pages/account.ts';

export const accountRoutes = new Hono<DashEnv>()
  .get('/dashboard/account', async (c) => {
    const me = await getMe({ ctx: c.var.deps, actor: currentUser(asApp(c)) });
    return c.html(accountPage(view(c), me, { flash: await takeFlash(c) }));
  })
  .post('/dashboard/account', async (c) => {
    const deps = c.var.deps;
    const user = currentUser(asApp(c));
    const me = await getMe({ ctx: deps, actor: user });
    const form = await readForm(c);
    const values = { name: form.name ?? '', email: form.email ?? '', locale: form.locale ?? '' };
    // Only what changed: an unchanged email needs no current password.
    const emailChanged = normaliseEmail(form.email ?? '') !== normaliseEmail(me.email);
    const patch = {
      name: form.name ?? '',
      locale: form.locale,
      ...(emailChanged ? { email: form.email ?? '' } : {}),
      ...(form.password ? { password: form.password } : {}),
      ...(form.currentPassword ? { currentPassword: form.currentPassword } : {}),
    };
    const checked = check(MePatch, patch);
    const errors: FieldErrors = checked.ok ? {} : checked.errors;
    if (form.password && form.password !== form.repeat) errors.repeat = 'mismatch';
    if (checked.ok && !Object.keys(errors).length) {
      try {
        await updateMe({ ctx: deps, actor: user, input: checked.value });
        return redirectWith(c, '/dashboard/account', { kind: 'notice', key: 'saved' });
      } catch (err) {
        Object.assign(errors, fieldErrorsOf(err));
      }
    }
    if (errors.currentPassword === 'required') errors.currentPassword = 'current_required';
    return c.html(accountPage(view(c), me, { values, errors }), 422);
  });
