// Contractors browse open requests, buy one after a confirmation step, and keep what they
// bought (S5, S7, S18, S19). Contact details come only from the verbs, and only for buyers.
import { Hono } from 'hono';
import * as v from 'valibot';
import { LeadQuery, leadPage as paging, PurchaseQuery } from '../../api/contract/leads.ts';
import { buyLead } from '../../api/domain/buy-lead.ts';
import { activeCategories } from '../../api/domain/categories.ts';
import { getLead, listLeads } from '../../api/domain/leads.ts';
import { listPurchases } from '../../api/domain/purchases.ts';
import { currentUser } from '../../api/http/auth.ts';
import { AppError } from '../../api/domain/errors.ts';
import { asApp, view, type DashContext, type DashEnv } from '../context.ts';
import { redirectWith, takeFlash } from '../lib/flash.ts';
import { homeOf } from '../lib/guards.ts';
import { buyConfirmPage, leadPage, notBuyablePage } from '../pages/lead.ts';
import { spendCapPage } from '../pages/invoices.ts';
import { leadsPage, type LeadFilter } from '../pages/leads.ts';
import { purchasesPage } from '../pages/purchases.ts';

const actor = (c: DashContext) => currentUser(asApp(c));

/**
 * A filter value the contract refuses is dropped, not an error page: it came from a URL. The
 * checkbox sends confirmed=true or nothing; confirmed=false, which the form cannot show, is dropped too.
 */
function readFilter(c: DashContext): LeadFilter & { cursor?: string } {
  const q = c.req.query();
  const keep = (name: 'region' | 'category' | 'timing' | 'propertyType' | 'cursor') => {
    const value = q[name];
    return value && v.is(LeadQuery.entries[name], value) ? { [name]: value } : {};
  };
  return {
    ...keep('region'),
    ...keep('category'),
    ...keep('timing'),
    ...keep('propertyType'),
    ...(q.confirmed === 'true' ? { confirmed: 'true' as const } : {}),
    ...keep('cursor'),
  };
}

/**
 * The lead, or null when this company may not see it (sold out, closed, expired, taken down, never there).
 * `reveal: false` reads a buyer's lead without its contact details, so no view of them is audited.
 */
async function findLead(c: DashContext, id = c.req.param('id')!, reveal = true) {
  try {
    return await getLead({ ctx: c.var.deps, actor: actor(c), id, reveal });
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

export const leadRoutes = new Hono<DashEnv>()
  .get('/dashboard', async (c) => {
    const user = actor(c);
    // Staff have no company: nothing to buy. Their home is the admin section.
    if (user.role === 'admin') return c.redirect(homeOf(user), 303);
    const { cursor, ...filter } = readFilter(c);
    const ctx = c.var.deps;
    const query = { ...filter, confirmed: filter.confirmed ? true : undefined, cursor, limit: paging.defaultLimit };
    const [page, categories] = await Promise.all([listLeads({ ctx, actor: user, query }), activeCategories({ ctx })]);
    return c.html(leadsPage(view(c), { ...page, filter, categories, flash: await takeFlash(c) }));
  })
  .get('/dashboard/leads/:id', async (c) => {
    const lead = await findLead(c);
    if (!lead) return c.html(notBuyablePage(view(c), 'unavailable'), 404);
    // A duplicate links to the earlier request only when this company may see it (the verb decides,
    // as for any lead); a read more, for duplicates only, and never an audited view of its contact.
    const earlierShown = lead.duplicateOf ? (await findLead(c, lead.duplicateOf, false)) !== null : false;
    return c.html(leadPage(view(c), lead, { flash: await takeFlash(c), earlierShown }));
  })
  .get('/dashboard/leads/:id/buy', async (c) => {
    const lead = await findLead(c);
    if (!lead) return c.html(notBuyablePage(view(c), 'unavailable'), 404);
    if (lead.purchased) return c.redirect(`/dashboard/leads/${lead.id}`, 303);
    if (lead.status !== 'open') return c.html(notBuyablePage(view(c), 'gone'), 410);
    if (lead.buyers >= lead.maxBuyers) return c.html(notBuyablePage(view(c), 'sold_out'), 409);
    return c.html(buyConfirmPage(view(c), lead));
  })
  .post('/dashboard/leads/:id/buy', async (c) => {
    const id = c.req.param('id');
    try {
      // The same company buying again gets its first purchase back: a double submit never charges twice.
      // No contact details here: the lead page this redirects to shows them, and audits that view.
      await buyLead({ ctx: c.var.deps, actor: actor(c), id, reveal: false });
    } catch (err) {
      if (err instanceof AppError && err.code === 'spend_cap_reached') return c.html(spendCapPage(view(c), err.extra), 409);
      if (err instanceof AppError && (err.code === 'sold_out' || err.code === 'gone')) {
        return c.html(notBuyablePage(view(c), err.code), err.code === 'sold_out' ? 409 : 410);
      }
      throw err;
    }
    return redirectWith(c, `/dashboard/leads/${id}`, { kind: 'notice', key: 'bought' });
  })
  .get('/dashboard/purchases', async (c) => {
    const cursor = c.req.query('cursor');
    const query =
      v.is(PurchaseQuery.entries.cursor, cursor) && cursor ? { cursor, limit: paging.defaultLimit } : { limit: paging.defaultLimit };
    const page = await listPurchases({ ctx: c.var.deps, actor: actor(c), query });
    return c.html(purchasesPage(view(c), { ...page, now: c.var.deps.clock.now() }));
  });
