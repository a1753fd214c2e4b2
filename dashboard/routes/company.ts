// The owner's company page: its users, inviting one (the link is shown once: there is no
// mail yet), removing one.
import { Hono } from 'hono';
import { getMe, listCompanyUsers, removeUser } from '../../api/domain/users.ts';
import { currentUser } from '../../api/http/auth.ts';
import { AppError } from '../../api/domain/errors.ts';
import { asApp, view, type DashContext, type DashEnv } from '../context.ts';
import { redirectWith, takeFlash } from '../lib/flash.ts';
import { readForm } from '../lib/form.ts';
import { companyUser, inviteUser } from '../lib/users.ts';
import { companyPage } from '../pages/company.ts';
import { removeUserPage } from '../pages/users.ts';

async function ownCompany(c: DashContext) {
  const me = await getMe({ ctx: c.var.deps, actor: currentUser(asApp(c)) });
  if (!me.company) throw new AppError('forbidden');
  return me.company;
}

export const companyRoutes = new Hono<DashEnv>()
  .get('/dashboard/company', async (c) => {
    const company = await ownCompany(c);
    const users = await listCompanyUsers({
      ctx: c.var.deps,
      actor: currentUser(asApp(c)),
      input: { companyId: company.id },
    });
    return c.html(companyPage(view(c), company, users, { flash: await takeFlash(c) }));
  })
  .post('/dashboard/company', async (c) => {
    const company = await ownCompany(c);
    const result = await inviteUser(c, company.id, await readForm(c));
    if (result.ok) return c.redirect('/dashboard/company', 303);
    const users = await listCompanyUsers({
      ctx: c.var.deps,
      actor: currentUser(asApp(c)),
      input: { companyId: company.id },
    });
    return c.html(companyPage(view(c), company, users, result), 422);
  })
  .get('/dashboard/company/users/:id/remove', async (c) => {
    const company = await ownCompany(c);
    const user = await companyUser(c, company.id, c.req.param('id'));
    const path = `/dashboard/company/users/${user.id}/remove`;
    return c.html(removeUserPage(view(c), user, path, '/dashboard/company', 'company'));
  })
  .post('/dashboard/company/users/:id/remove', async (c) => {
    await removeUser({ ctx: c.var.deps, actor: currentUser(asApp(c)), input: { userId: c.req.param('id') } });
    return redirectWith(c, '/dashboard/company', { kind: 'notice', key: 'userRemoved' });
  });
