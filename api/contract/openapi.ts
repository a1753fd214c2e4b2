// The OpenAPI document, built from the same valibot schemas that validate: no hand-kept copy.
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import type { GenericSchema } from 'valibot';
import { CategoryPatch, NewPartnerInput } from './admin.ts';
import {
  AcceptInvite,
  AcceptInviteWithToken,
  Company,
  CompanyPatch,
  Login,
  Me,
  MePatch,
  NewCompany,
  NewUser,
  UserCreated,
} from './auth.ts';
import {
  Balance,
  CompanyBilling,
  Credit,
  CreditClaimInput,
  CreditDecisionInput,
  CreditList,
  CreditQuery,
  GenerateInput,
  GenerateResult,
  Invoice,
  InvoiceList,
  OwnerBillingPatch,
  PeriodQuery,
  StaffBillingPatch,
} from './billing.ts';
import { ErrorBody, IdempotencyKeyReusedBody, ValidationErrorBody, WeakPasswordBody } from './errors.ts';
import { LeadDetail, LeadPage, LeadQuery, PurchaseCreated, PurchasePage, PurchaseQuery } from './leads.ts';
import { ManagePatch, ManageView } from './manage.ts';
import { AlertSettingsPatch, AlertSettingsView, mailStatuses, OutboxItem, PasswordResetRequest } from './notifications.ts';
import { SubjectQuery } from './data-subject.ts';
import { RequestCreated, RequestInput } from './request.ts';
import { PostalCodeInfo, WidgetConfig, WidgetConfigQuery, WidgetEventInput } from './widget.ts';

const schema = (s: GenericSchema) => withoutEmptyRequired(toJsonSchema(s, { errorMode: 'ignore', target: 'openapi-3.0' }));

/** to-json-schema writes `required: []` for an object of optional fields; OpenAPI 3.0.3 asks for at least one name. */
function withoutEmptyRequired<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutEmptyRequired) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required' && Array.isArray(value) && value.length === 0) continue;
    out[key] = withoutEmptyRequired(value);
  }
  return out as T;
}
const json = (s: GenericSchema, description: string) => ({ description, content: { 'application/json': { schema: schema(s) } } });
const error = (description: string) => json(ErrorBody, description);

const body = (s: GenericSchema) => ({ required: true, content: { 'application/json': { schema: schema(s) } } });
const invalidBody = json(ValidationErrorBody, 'A rule is broken; issues name the fields');
/** Where a new password is set: the contract's 422 invalid, or 422 weak_password. */
const passwordRefused = json(
  v.union([ValidationErrorBody, WeakPasswordBody]),
  'invalid (issues name the fields) or weak_password: under 10 characters, a common password, one or two characters repeated, or containing the email',
);
const limited = { ...error('Too many attempts'), headers: { 'Retry-After': { schema: { type: 'integer' } } } };
/** 422: a broken rule, or the Idempotency-Key of another request (draft-ietf-httpapi-idempotency-key-header). */
const invalidOrReused = (description: string) => ({
  description: `${description}; or idempotency_key_reused: this Idempotency-Key was sent before with a different request (nothing changes, the first answer is not given)`,
  content: { 'application/json': { schema: { oneOf: [schema(ValidationErrorBody), schema(IdempotencyKeyReusedBody)] } } },
});
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

function queryParameters(s: GenericSchema) {
  const js = schema(s) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, p]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    schema: p,
  }));
}

export function openApiDocument(serverUrl: string) {
  return withBodyLimits({
    openapi: '3.0.3',
    info: {
      title: 'Linkki API',
      version: '1',
      description:
        'Renovation-lead marketplace for Finland. JSON, camelCase, ISO 8601 UTC times, money in integer cents. Errors: {"error": "<code>", ...}.',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/healthz': {
        get: {
          summary: 'Readiness: 200 once migrations ran and the first admin (ADMIN_EMAIL) exists',
          responses: { 200: { description: '{ok: true}' }, 503: error('not_ready: migrations or the first admin missing') },
        },
      },
      '/v1/widget/config': {
        get: {
          summary: 'Partner presets, categories and regions for the widget (localised)',
          parameters: queryParameters(WidgetConfigQuery),
          responses: {
            200: json(WidgetConfig, 'Configuration'),
            404: error('Unknown or inactive partner'),
            422: json(ValidationErrorBody, 'Bad query'),
          },
        },
      },
      '/v1/widget/events': {
        post: {
          summary: 'Cookieless counter tick from the widget (S13); text/plain or JSON body, no preflight needed',
          requestBody: {
            required: true,
            content: { 'text/plain': { schema: schema(WidgetEventInput) }, 'application/json': { schema: schema(WidgetEventInput) } },
          },
          responses: {
            204: { description: 'Counted' },
            400: error('Malformed JSON'),
            403: error('Unknown partner or foreign origin'),
            413: error('Over 1 KiB'),
            422: json(ValidationErrorBody, 'Unknown event'),
          },
        },
      },
      '/v1/admin/partners/{id}/stats': {
        get: {
          summary: "Staff: a partner's daily counters (shown, started, sent)",
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
          ],
          responses: { 200: { description: '{items: [{day, shown, started, sent}]}' }, 403: error('Not staff') },
        },
      },
      '/v1/postal-codes/{code}': {
        get: {
          summary: 'Town, municipality and region of a postal code (Posti data)',
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{5}$' } },
            { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['fi', 'sv', 'en'] } },
          ],
          responses: {
            200: json(PostalCodeInfo, 'Found'),
            404: error('Unknown postal code'),
            422: json(ValidationErrorBody, 'Not five digits'),
          },
        },
      },
      '/v1/requests': {
        post: {
          summary: 'Send a request (no account, S4)',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description:
                'One per submission; a retry with the same key and the same body returns the first answer for 24 hours; the same key with another body → 422 idempotency_key_reused.',
              schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,128}$' },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: schema(RequestInput) } } },
          responses: {
            201: json(RequestCreated, 'Stored; manageToken is shown only now'),
            400: error('Malformed JSON'),
            403: error("Unknown or inactive partner, or an Origin not in the partner's list"),
            413: error('Body over 16 KiB'),
            415: error('Content-Type is not JSON'),
            422: invalidOrReused('A rule is broken; issues name the fields'),
            429: { ...error('Too many requests from one source'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
          },
        },
      },
      '/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.0' } } } },
      '/v1/auth/login': {
        post: {
          summary:
            'Sign in; sets an HttpOnly SameSite session cookie (__Host-linkki_session on https). Throttled before any hashing: per account and source, then per account (README, Security)',
          requestBody: body(Login),
          responses: {
            200: json(Me, 'Signed in'),
            401: error('Wrong email or password (the same answer for both)'),
            403: error('company_inactive: the password is right, but the company is deactivated; no session'),
            422: invalidBody,
            429: limited,
          },
        },
      },
      '/v1/auth/logout': { post: { summary: 'End the session', responses: { 204: { description: 'Signed out' } } } },
      '/v1/auth/invite': {
        post: {
          summary: 'The same as below with the token in the body ({token, password}): the token stays out of URLs and access logs',
          requestBody: body(AcceptInviteWithToken),
          responses: {
            204: { description: 'Password set' },
            404: error('invite_invalid: unknown, used or expired invite'),
            422: passwordRefused,
            429: limited,
          },
        },
      },
      '/v1/auth/invite/{token}': {
        post: {
          summary: 'An invited user (or one with a reset link) sets their password; the token is checked before anything else',
          parameters: [pathParam('token')],
          requestBody: body(AcceptInvite),
          responses: {
            204: { description: 'Password set' },
            404: error('invite_invalid: unknown, used or expired invite'),
            422: passwordRefused,
            429: limited,
          },
        },
      },
      '/v1/me': {
        get: { summary: 'Own data', responses: { 200: json(Me, 'Me'), 401: error('Not signed in') } },
        patch: {
          summary:
            'Change own name, email, password or language (email and password need currentPassword; S26). A new email or password ends the other sessions; a new email is told to the old address',
          requestBody: body(MePatch),
          responses: { 200: json(Me, 'Changed'), 401: error('Not signed in'), 409: error('Email taken'), 422: passwordRefused },
        },
      },
      '/v1/leads': {
        get: {
          summary: 'Open requests, newest first, never with contact details (S5, S18)',
          parameters: queryParameters(LeadQuery),
          responses: { 200: json(LeadPage, 'A page of leads'), 401: error('Not signed in'), 422: invalidBody },
        },
      },
      '/v1/leads/{id}': {
        get: {
          summary: 'One lead; contact only for a company that bought it (every view audited)',
          parameters: [pathParam('id')],
          responses: { 200: json(LeadDetail, 'The lead'), 401: error('Not signed in'), 404: error('Unknown, or not visible to you') },
        },
      },
      '/v1/leads/{id}/purchase': {
        post: {
          summary: 'Buy a lead: one conditional write; the cap holds under concurrency; never a second charge',
          parameters: [
            pathParam('id'),
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description:
                'Scoped to the company; the same key for the same request returns the first purchase for 24 hours; for another request → 422 idempotency_key_reused.',
              schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,128}$' },
            },
          ],
          responses: {
            201: json(PurchaseCreated, 'Bought; contact details included'),
            200: json(PurchaseCreated, 'Already bought by your company: the same purchase'),
            403: error('Staff without a company, or an inactive company'),
            404: error('Unknown lead'),
            409: error('sold_out: the cap of buyers is reached'),
            410: error('gone: closed, expired, removed or purged'),
            422: invalidOrReused('A malformed Idempotency-Key'),
          },
        },
      },
      '/v1/purchases': {
        get: {
          summary: "The company's bought leads with contact details, until purged (S19)",
          parameters: queryParameters(PurchaseQuery),
          responses: { 200: json(PurchasePage, 'A page of purchases'), 401: error('Not signed in') },
        },
      },
      '/v1/manage': {
        get: {
          summary: "The customer's request (Authorization: Bearer <manage token>) (S21)",
          responses: { 200: json(ManageView, 'The request'), 401: error('Missing, unknown or purged token') },
        },
        patch: {
          summary: 'Correct description, town, email, phone; forbid marketing (S22, S23)',
          requestBody: body(ManagePatch),
          responses: { 200: json(ManageView, 'Corrected'), 401: error('Bad token'), 422: invalidBody },
        },
      },
      '/v1/manage/close': {
        post: { summary: 'Close the request (S25)', responses: { 200: json(ManageView, 'Closed'), 401: error('Bad token') } },
      },
      '/v1/manage/contact': {
        delete: {
          summary: 'Erase the contact details, for buyers too (S24)',
          responses: { 204: { description: 'Erased' }, 401: error('Bad token') },
        },
      },
      '/v1/manage/export': {
        get: { summary: 'Every stored field as JSON (S21)', responses: { 200: { description: 'The export' }, 401: error('Bad token') } },
      },
      '/v1/notifications/preferences': {
        get: {
          summary: "Own alert settings and the company's regions and categories",
          responses: { 200: json(AlertSettingsView, 'Settings'), 401: error('Not signed in') },
        },
        patch: {
          summary: 'Alerts instant, daily or off (each user); regions and categories, empty = all (owners)',
          requestBody: body(AlertSettingsPatch),
          responses: { 200: json(AlertSettingsView, 'Saved'), 403: error('Only owners choose regions and categories'), 422: invalidBody },
        },
      },
      '/v1/notifications/unsubscribe/{token}': {
        post: {
          summary: 'One-click unsubscribe from alerts (the token is in every alert)',
          parameters: [pathParam('token')],
          responses: { 200: { description: '{alerts: "off"}' }, 404: error('Unknown token'), 429: limited },
        },
      },
      '/v1/notifications/password-reset': {
        post: {
          summary: 'Mail a one-time password link to this address if it has an account (the answer never tells)',
          requestBody: body(PasswordResetRequest),
          responses: { 202: { description: 'Accepted' }, 422: invalidBody, 429: limited },
        },
      },
      '/v1/notifications/outbox': {
        get: {
          summary: 'Staff: what was sent to whom and how it went (no bodies, no customer addresses)',
          parameters: [
            { name: 'before', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } },
            { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: [...mailStatuses] } },
          ],
          responses: {
            200: {
              description: '{items, older}',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { items: { type: 'array', items: schema(OutboxItem) }, older: { type: 'string', nullable: true } },
                  },
                },
              },
            },
            403: error('Staff only'),
          },
        },
      },
      '/v1/admin/data-subjects/search': {
        post: {
          summary: 'Staff: find by email or phone (keyed hashes)',
          requestBody: body(SubjectQuery),
          responses: { 200: { description: '{requests, users}' }, 422: invalidBody },
        },
      },
      '/v1/admin/data-subjects/export': {
        post: {
          summary: 'Staff: export everything held about a person',
          requestBody: body(SubjectQuery),
          responses: { 200: { description: '{requests, users}' } },
        },
      },
      '/v1/admin/data-subjects/erase': {
        post: {
          summary: 'Staff: erase everything held about a person',
          requestBody: body(SubjectQuery),
          responses: { 200: { description: '{requestsErased, usersErased}' } },
        },
      },
      '/v1/company/users': {
        get: { summary: "Owner: the company's users", responses: { 200: { description: '{items}' }, 403: error('Not an owner') } },
        post: {
          summary:
            'Owner: invite a member or owner. An address that already has an account gets the same 201 (a token that never works) and its holder is mailed instead',
          requestBody: body(NewUser),
          responses: { 201: json(UserCreated, 'Invited'), 403: error('Not an owner'), 422: invalidBody },
        },
      },
      '/v1/company/users/{id}': {
        delete: {
          summary: 'Owner: remove a user of the company',
          parameters: [pathParam('id')],
          responses: { 204: { description: 'Removed' }, 404: error('No such user in your company') },
        },
      },
      '/v1/admin/partners': {
        post: {
          summary: 'Staff: add a partner site',
          requestBody: body(NewPartnerInput),
          responses: { 201: { description: '{id, publicKey}' }, 403: error('Not staff'), 422: invalidBody },
        },
      },
      '/v1/admin/companies': {
        get: { summary: 'Staff: companies', responses: { 200: { description: '{items}' }, 403: error('Not staff') } },
        post: {
          summary: 'Staff: add a contractor company (business ID by check digit)',
          requestBody: body(NewCompany),
          responses: { 201: { description: '{id}' }, 403: error('Not staff'), 409: error('Business ID taken'), 422: invalidBody },
        },
      },
      '/v1/admin/companies/{id}': {
        patch: {
          summary:
            "Staff: edit a company (name, business ID, billing address and email, regions, categories, active). Deactivating ends its users' sessions at once and refuses their sign-ins and API calls (401); purchases and invoices stay",
          parameters: [pathParam('id')],
          requestBody: body(CompanyPatch),
          responses: {
            200: json(Company, 'The company'),
            403: error('Not staff'),
            404: error('Unknown company'),
            409: error('Business ID taken (business_id_taken)'),
            422: invalidBody,
          },
        },
      },
      '/v1/admin/companies/{id}/users': {
        get: { summary: "Staff: a company's users", parameters: [pathParam('id')], responses: { 200: { description: '{items}' } } },
        post: {
          summary: 'Staff: add a user; returns the invite token once',
          parameters: [pathParam('id')],
          requestBody: body(NewUser),
          responses: { 201: json(UserCreated, 'Created'), 409: error('Email taken'), 422: invalidBody },
        },
      },
      '/v1/admin/categories/{id}': {
        patch: {
          summary: 'Staff: price, buyer cap, labels',
          parameters: [pathParam('id')],
          requestBody: body(CategoryPatch),
          responses: { 200: { description: 'The category' }, 404: error('No such category'), 422: invalidBody },
        },
      },
      '/v1/admin/requests/{id}/remove': {
        post: {
          summary: 'Staff: take down a spam request',
          parameters: [pathParam('id')],
          responses: { 204: { description: 'Removed' }, 404: error('No such open request') },
        },
      },
      '/v1/admin/audit': {
        get: {
          summary: 'Staff: who saw or changed personal data, newest first',
          parameters: [{ name: 'before', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } }],
          responses: { 200: { description: '{items}' } },
        },
      },
      '/v1/invoices': {
        get: {
          summary: "The company's monthly invoices, newest first; staff: a month's invoices of every company (?period=YYYY-MM)",
          parameters: queryParameters(PeriodQuery),
          responses: { 200: json(InvoiceList, 'Invoices'), 401: error('Not signed in'), 422: invalidBody },
        },
      },
      '/v1/invoices/{id}': {
        get: {
          summary: 'One invoice with its lines (purchases, and credits as negative lines), VAT 25.5 % on the net total, reference number',
          parameters: [pathParam('id')],
          responses: { 200: json(Invoice, 'The invoice; it never changes once issued'), 404: error("Unknown, or another company's") },
        },
      },
      '/v1/invoices/{id}/csv': {
        get: {
          summary: 'The invoice as CSV (semicolons, decimal commas, UTF-8 with BOM)',
          parameters: [pathParam('id')],
          responses: { 200: { description: 'text/csv' }, 404: error('Unknown') },
        },
      },
      '/v1/invoices/{id}/finvoice': {
        get: {
          summary: 'Staff: the invoice as Finvoice 3.0 XML (the company needs an e-invoice address and operator)',
          parameters: [pathParam('id')],
          responses: { 200: { description: 'application/xml' }, 403: error('Not staff'), 404: error('Unknown, or no e-invoice address') },
        },
      },
      '/v1/invoices/current': {
        get: {
          summary: "This month's running balance: what its invoice would say so far, and the spend cap",
          responses: { 200: json(Balance, 'The balance'), 401: error('Not signed in') },
        },
      },
      '/v1/invoices/generate': {
        post: {
          summary:
            'Staff: issue the invoices of a month that has ended; idempotent (a second run issues nothing twice), numbers gap-free per year',
          requestBody: body(GenerateInput),
          responses: {
            200: json(GenerateResult, 'Issued now, and already there'),
            403: error('Not staff'),
            409: error('seller_not_configured: SELLER_* unset in production'),
            422: invalidBody,
          },
        },
      },
      '/v1/invoices/export': {
        get: {
          summary: "Staff: a month's invoices as CSV for bookkeeping",
          parameters: queryParameters(GenerateInput),
          responses: { 200: { description: 'text/csv' }, 403: error('Not staff'), 422: invalidBody },
        },
      },
      '/v1/credits': {
        get: {
          summary: "The company's credit claims with their state; staff: every company's (?status=pending is the queue)",
          parameters: queryParameters(CreditQuery),
          responses: { 200: json(CreditList, 'Claims') },
        },
        post: {
          summary:
            'Claim a credit for a bought request within 14 days; checkable reasons are decided at once by rule, the rest go to staff',
          requestBody: body(CreditClaimInput),
          responses: {
            201: json(Credit, 'The claim, approved by rule or pending'),
            404: error('No such purchase of this company'),
            409: error('already_claimed (with creditId)'),
            422: invalidBody,
          },
        },
      },
      '/v1/credits/{id}': {
        get: {
          summary: 'One claim',
          parameters: [pathParam('id')],
          responses: { 200: json(Credit, 'The claim'), 404: error("Unknown, or another company's") },
        },
      },
      '/v1/credits/{id}/decision': {
        post: {
          summary: 'Staff: approve or reject a pending claim, with a note the contractor sees',
          parameters: [pathParam('id')],
          requestBody: body(CreditDecisionInput),
          responses: {
            200: json(Credit, 'Decided'),
            403: error('Not staff'),
            404: error('Unknown'),
            409: error('already_decided'),
            422: invalidBody,
          },
        },
      },
      '/v1/leads/{id}/not-for-us': {
        post: {
          summary: "Hide an open request from this company's list, at no charge",
          parameters: [pathParam('id')],
          responses: {
            204: { description: 'Hidden' },
            404: error('Unknown'),
            409: error('already_bought'),
            410: error('Not open any more'),
          },
        },
        delete: { summary: 'Show it on the list again', parameters: [pathParam('id')], responses: { 204: { description: 'Shown' } } },
      },
      '/v1/company/billing': {
        get: {
          summary: "Owner: the company's spend cap and e-invoicing details",
          responses: { 200: json(CompanyBilling, 'Settings'), 403: error('Not an owner') },
        },
        patch: {
          summary: 'Owner: set or clear the monthly spend cap (cents, VAT excluded)',
          requestBody: body(OwnerBillingPatch),
          responses: { 200: json(CompanyBilling, 'Saved'), 403: error('Not an owner'), 422: invalidBody },
        },
      },
      '/v1/admin/companies/{id}/billing': {
        get: {
          summary: "Staff: a company's billing settings",
          parameters: [pathParam('id')],
          responses: { 200: json(CompanyBilling, 'Settings'), 404: error('Unknown company') },
        },
        patch: {
          summary: 'Staff: spend cap, e-invoice address and operator (both or neither)',
          parameters: [pathParam('id')],
          requestBody: body(StaffBillingPatch),
          responses: { 200: json(CompanyBilling, 'Saved'), 404: error('Unknown company'), 422: invalidBody },
        },
      },
    },
  });
}

/** Every operation that takes a body may answer 413 (api/app.ts sets the limits before any route reads). */
function withBodyLimits<D extends { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(doc: D): D {
  for (const ops of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (['post', 'put', 'patch', 'delete'].includes(method) && !op.responses[413]) {
        op.responses[413] = error('Body over the route\'s limit ({"error":"payload_too_large","limit":bytes}), refused before it is read');
      }
    }
  }
  return doc;
}
