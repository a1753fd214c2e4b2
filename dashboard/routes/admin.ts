// Staff pages (S16): companies and their users, partners, category prices and caps,
// taking down a request, the audit log. dashboard/index.ts lets only admins in.
import { Hono } from 'hono';
import * as v from 'valibot';
import { CategoryPatch, NewPartnerInput } from '../../api/contract/admin.ts';
import { CompanyPatch, NewCompany } from '../../api/contract/auth.ts';
import { audit } from '../../api/domain/audit.ts';
import { createCompany, findCompany, listCompanies, updateCompany } from '../../api/domain/companies.ts';
import { findCategory, listCategories } from '../../api/domain/categories.ts';
import { listAudit, removeRequest, updateCategory } from '../../api/domain/moderation.ts';
import { createPartner, listPartners } from '../../api/domain/partners.ts';
import { listCompanyUsers, removeUser } from '../../api/domain/users.ts';
import { currentUser } from '../../api/http/auth.ts';
import { AppError } from '../../api/domain/errors.ts';
import { asApp, view, type DashContext, type DashEnv } from '../context.ts';
import { redirectWith, setFlash, takeFlash } from '../lib/flash.ts';
import { parseEuros } from '../lib/format.ts';
import { check, fieldErrorsOf, filled, readForm, type FieldErrors, type Form } from '../lib/form.ts';
import { companyUser, inviteUser } from '../lib/users.ts';
import { categoriesPage } from '../pages/admin/categories.ts';
import { companiesPage, companyEditPage, companyUsersPage } from '../pages/admin/companies.ts';
import { adminHome } from '../pages/admin/frame.ts';
import { auditPage, moderationPage } from '../pages/admin/moderation.ts';
import { partnersPage } from '../pages/admin/partners.ts';
import { removeUserPage } from '../pages/users.ts';

const staff = (c: DashContext) => currentUser(asApp(c));

async function company(c: DashContext, id: string) {
  const found = await findCompany({ ctx: c.var.deps, actor: staff(c), input: { id } });
  if (!found) throw new AppError('not_found');
  return found;
}

export const adminRoutes = new Hono<DashEnv>()
  .get('/dashboard/admin', (c) => c.html(adminHome(view(c))))

  .get('/dashboard/admin/companies', async (c) =>
    c.html(companiesPage(view(c), await listCompanies({ ctx: c.var.deps, actor: staff(c) }), { flash: await takeFlash(c) })),
  )
  .post('/dashboard/admin/companies', async (c) => {
    const form = await readForm(c);
    const values = companyFields(form);
    const checked = check(NewCompany, {
      name: values.name,
      businessId: values.businessId,
      ...filled(form, 'billingAddress', 'billingEmail'),
    });
    let errors: FieldErrors = checked.ok ? {} : checked.errors;
    if (checked.ok) {
      try {
        const { id } = await createCompany({ ctx: c.var.deps, actor: staff(c), input: checked.value });
        return redirectWith(c, `/dashboard/admin/companies/${id}`, { kind: 'notice', key: 'companyCreated' });
      } catch (err) {
        errors = fieldErrorsOf(err);
      }
    }
    return c.html(companiesPage(view(c), await listCompanies({ ctx: c.var.deps, actor: staff(c) }), { values, errors }), 422);
  })
  .get('/dashboard/admin/companies/:id', async (c) => {
    const found = await company(c, c.req.param('id'));
    const users = await listCompanyUsers({ ctx: c.var.deps, actor: staff(c), input: { companyId: found.id } });
    return c.html(companyUsersPage(view(c), found, users, { flash: await takeFlash(c) }));
  })
  .post('/dashboard/admin/companies/:id', async (c) => {
    const found = await company(c, c.req.param('id'));
    const result = await inviteUser(c, found.id, await readForm(c));
    if (result.ok) return c.redirect(`/dashboard/admin/companies/${found.id}`, 303);
    const users = await listCompanyUsers({ ctx: c.var.deps, actor: staff(c), input: { companyId: found.id } });
    return c.html(companyUsersPage(view(c), found, users, result), 422);
  })
  .get('/dashboard/admin/companies/:id/edit', async (c) => c.html(companyEditPage(view(c), await company(c, c.req.param('id')))))
  .post('/dashboard/admin/companies/:id/edit', async (c) => {
    const found = await company(c, c.req.param('id'));
    const form = await readForm(c);
    const values = { ...companyFields(form), active: form.active ?? '' };
    // Empty billing fields clear them; any other value of `active` than yes/no is refused by the schema.
    const checked = check(CompanyPatch, {
      name: values.name,
      businessId: values.businessId,
      billingAddress: values.billingAddress.trim() || null,
      billingEmail: values.billingEmail.trim() || null,
      active: values.active === 'yes' ? true : values.active === 'no' ? false : values.active,
    });
    let errors: FieldErrors = checked.ok ? {} : checked.errors;
    if (checked.ok) {
      try {
        await updateCompany({ ctx: c.var.deps, actor: staff(c), input: { id: found.id, patch: checked.value } });
        const key = found.active && checked.value.active === false ? 'companyDeactivated' : 'companySaved';
        return redirectWith(c, `/dashboard/admin/companies/${found.id}`, { kind: 'notice', key });
      } catch (err) {
        errors = fieldErrorsOf(err);
      }
    }
    return c.html(companyEditPage(view(c), found, { values, errors }), 422);
  })
  .get('/dashboard/admin/companies/:id/users/:user/remove', async (c) => {
    const found = await company(c, c.req.param('id'));
    const user = await companyUser(c, found.id, c.req.param('user'));
    const base = `/dashboard/admin/companies/${found.id}`;
    return c.html(removeUserPage(view(c), user, `${base}/users/${user.id}/remove`, base, 'admin'));
  })
  .post('/dashboard/admin/companies/:id/users/:user/remove', async (c) => {
    const found = await company(c, c.req.param('id'));
    await companyUser(c, found.id, c.req.param('user'));
    await removeUser({ ctx: c.var.deps, actor: staff(c), input: { userId: c.req.param('user') } });
    return redirectWith(c, `/dashboard/admin/companies/${found.id}`, { kind: 'notice', key: 'userRemoved' });
  })

  .get('/dashboard/admin/partners', async (c) =>
    c.html(partnersPage(view(c), await listPartners({ ctx: c.var.deps, actor: staff(c) }), { flash: await takeFlash(c) })),
  )
  .post('/dashboard/admin/partners', async (c) => {
    const form = await readForm(c);
    const values = { name: form.name ?? '', kind: form.kind ?? '', allowedOrigins: form.allowedOrigins ?? '' };
    const origins = values.allowedOrigins
      .split(/\r?\n/)
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean);
    const checked = check(NewPartnerInput, { name: values.name, kind: values.kind, allowedOrigins: origins });
    const errors: FieldErrors = checked.ok ? {} : checked.errors;
    // One message for the textarea, whichever line is wrong (the schema names `allowedOrigins.N`).
    if (Object.keys(errors).some((path) => path.startsWith('allowedOrigins'))) errors.allowedOrigins = 'invalid_origin';
    if (!checked.ok || Object.keys(errors).length) {
      return c.html(partnersPage(view(c), await listPartners({ ctx: c.var.deps, actor: staff(c) }), { values, errors }), 422);
    }
    const created = await createPartner(c.var.deps, { ...checked.value, presets: checked.value.presets ?? {} }, staff(c));
    await setFlash(c, { kind: 'partner', name: checked.value.name, publicKey: created.publicKey });
    return c.redirect('/dashboard/admin/partners', 303);
  })

  .get('/dashboard/admin/categories', async (c) =>
    c.html(categoriesPage(view(c), await listCategories({ ctx: c.var.deps }), { flash: await takeFlash(c) })),
  )
  .post('/dashboard/admin/categories/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await findCategory({ ctx: c.var.deps, input: { id } }))) throw new AppError('not_found');
    const form = await readForm(c);
    const values = { price: form.price ?? '', maxBuyers: form.maxBuyers ?? '' };
    const priceCents = parseEuros(values.price);
    const maxBuyers = /^\s*\d{1,3}\s*$/.test(values.maxBuyers) ? Number(values.maxBuyers) : NaN;
    const checked = check(CategoryPatch, { priceCents: priceCents ?? -1, maxBuyers });
    const errors: FieldErrors = {};
    if (!checked.ok) {
      if (checked.errors.priceCents) errors.price = 'invalid_price';
      if (checked.errors.maxBuyers) errors.maxBuyers = 'invalid_cap';
      return c.html(categoriesPage(view(c), await listCategories({ ctx: c.var.deps }), { editing: id, values, errors }), 422);
    }
    await updateCategory({ ctx: c.var.deps, actor: staff(c), input: { id, patch: checked.value } });
    return redirectWith(c, '/dashboard/admin/categories', { kind: 'notice', key: 'categorySaved' });
  })

  .get('/dashboard/admin/moderation', async (c) => c.html(moderationPage(view(c), { flash: await takeFlash(c) })))
  .post('/dashboard/admin/moderation', async (c) => {
    const form = await readForm(c);
    const requestId = (form.requestId ?? '').trim();
    const values = { requestId };
    if (!requestId) return c.html(moderationPage(view(c), { values, errors: { requestId: 'required' } }), 422);
    try {
      await removeRequest({ ctx: c.var.deps, actor: staff(c), input: { requestId } });
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') {
        return c.html(moderationPage(view(c), { values, errors: { requestId: 'request_not_found' } }), 422);
      }
      throw err;
    }
    return redirectWith(c, '/dashboard/admin/moderation', { kind: 'notice', key: 'requestRemoved' });
  })

  .get('/dashboard/admin/audit', async (c) => {
    const before = v.safeParse(v.pipe(v.string(), v.isoTimestamp()), c.req.query('before'));
    const limit = 100;
    const rows = await listAudit({
      ctx: c.var.deps,
      actor: staff(c),
      input: { before: before.success ? new Date(before.output) : undefined, limit },
    });
    const older = rows.length === limit ? rows.at(-1)!.at.toISOString() : null;
    return c.html(auditPage(view(c), rows, older));
  });

/** The company form's text fields as typed, to show the form again beside its errors. */
function companyFields(form: Form) {
  return {
    name: form.name ?? '',
    businessId: form.businessId ?? '',
    billingAddress: form.billingAddress ?? '',
    billingEmail: form.billingEmail ?? '',
  };
}
