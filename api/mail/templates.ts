// Every mail Linkki sends, by template id: its class (S23) and how its document is built from
// the data composed at send time (api/domain/notifications/compose.ts). Texts in ./i18n.
import { confirmation, mail as mailConfig, sessions } from '../config.ts';
import { dateStyles, euros as formatEuros, formatDate as format } from '../contract/dates.ts';
import type { Locale } from '../contract/request.ts';
import { en } from './i18n/en.ts';
import { fi, type MailStrings } from './i18n/fi.ts';
import { sv } from './i18n/sv.ts';
import { render, type Block, type MailDocument, type Rendered } from './render.ts';

const strings: Record<Locale, MailStrings> = { fi, sv, en };
const formatDate = (d: Date, lang: Locale) => format(d, lang);
const formatDateTime = (d: Date, lang: Locale) => format(d, lang, dateStyles.dateTime);
/** The SMS with a confirmation code (api/jobs/send-mail.ts) and the manage link, where the code can be typed too. */
export const smsCodeText = (code: string, manageUrl: string, lang: Locale) =>
  strings[lang].sms.code(code, confirmation.codeMinutes, manageUrl);

export const formatMonth = (d: Date, lang: Locale) => format(d, lang, dateStyles.month);
export { formatEuros };

/** A request as a mail may show it; contact values only in the customer's own confirmation. */
export type RequestFacts = {
  category: string;
  region: string;
  postalCode: string | null;
  town: string | null;
  createdAt: Date;
  expiresAt: Date;
};
export type LeadLink = RequestFacts & { url: string; priceCents: number };
export type AlertFooter = { mode: 'instant' | 'daily'; settingsUrl: string; unsubscribeUrl: string };

export type TemplateData = {
  'request.confirmation': {
    request: RequestFacts & { description: string };
    email: string | null;
    phone: string | null;
    firstName: string | null;
    /** The answers to the category's questions, as the customer reads them (questions.ts answerText). */
    answers: { question: string; answer: string }[];
    manageUrl: string;
    /** The one-click confirmation (the manage page with the link's proof); null once confirmed or without an e-mail. */
    confirmUrl: string | null;
    /** Held until confirmed (REQUIRE_CONFIRMED_CONTACT): the mail says so, and when it is deleted. */
    held: boolean;
    privacyUrl: string;
  };
  'request.bought': { company: string; buyers: number; maxBuyers: number; privacyUrl: string };
  'request.expiring': { expiresAt: Date; closeUrl: string; manageUrl: string; privacyUrl: string };
  'request.feedback': { newRequestUrl: string; privacyUrl: string };
  'lead.alert': { lead: LeadLink; footer: AlertFooter };
  'lead.digest': { leads: LeadLink[]; footer: AlertFooter };
  'purchase.receipt': { lead: LeadLink; purchaseId: string; boughtAt: Date };
  'invoice.issued': { number: string; periodStart: Date; totalCents: number; dueAt: Date; reference: string; url: string };
  'user.invite': { company: string | null; url: string };
  'user.password_reset': { url: string };
  'user.email_changed': { changedAt: Date };
  'user.add_attempt': { company: string | null; loginUrl: string };
};
export type TemplateId = keyof TemplateData;

/** S23: marketing mail goes only to people who have not forbidden it; service mail always. */
export const mailClassOf: Record<TemplateId, 'service' | 'marketing'> = {
  'request.confirmation': 'service',
  'request.bought': 'service',
  'request.expiring': 'service',
  'request.feedback': 'marketing',
  'lead.alert': 'service',
  'lead.digest': 'service',
  'purchase.receipt': 'service',
  'invoice.issued': 'service',
  'user.invite': 'service',
  'user.password_reset': 'service',
  'user.email_changed': 'service',
  'user.add_attempt': 'service',
};

type Build<T extends TemplateId> = (
  d: TemplateData[T],
  t: MailStrings,
  lang: Locale,
) => Omit<MailDocument, 'footer'> & { footer?: Block[] };

function leadFacts(l: LeadLink, t: MailStrings, lang: Locale): Block {
  return {
    kind: 'facts',
    rows: [
      [t.facts.category, l.category],
      [t.facts.region, l.region],
      ...(l.postalCode ? [[t.facts.postalCode, l.postalCode] as [string, string]] : []),
      ...(l.town ? [[t.facts.town, l.town] as [string, string]] : []),
      [t.facts.created, formatDate(l.createdAt, lang)],
      [t.facts.expires, formatDate(l.expiresAt, lang)],
      [t.facts.price, formatEuros(l.priceCents, lang)],
    ],
  };
}

const alertFooter = (f: AlertFooter, t: MailStrings): Block[] => [
  { kind: 'small', text: t.alertsFooter[f.mode] },
  { kind: 'link', label: t.alertsFooter.settings, href: f.settingsUrl },
  { kind: 'link', label: t.alertsFooter.unsubscribe, href: f.unsubscribeUrl },
];

const builders: { [T in TemplateId]: Build<T> } = {
  'request.confirmation': (d, t, lang) => ({
    subject: t.confirmation.subject,
    heading: t.confirmation.subject,
    blocks: [
      ...(d.held ? [{ kind: 'p' as const, text: t.confirmation.confirmHeld(confirmation.holdHours) }] : []),
      ...(d.confirmUrl
        ? [{ kind: 'link' as const, label: t.confirmation.confirm, href: d.confirmUrl, text: t.confirmation.confirmText }]
        : []),
      { kind: 'p', text: t.confirmation.intro(formatDate(d.request.expiresAt, lang)) },
      { kind: 'link', label: t.confirmation.manage, href: d.manageUrl, text: t.confirmation.manageText },
      {
        kind: 'facts',
        title: t.confirmation.sent,
        rows: [
          [t.facts.category, d.request.category],
          [t.facts.description, d.request.description],
          ...d.answers.map((a) => [a.question, a.answer] as [string, string]),
          ...(d.request.postalCode ? [[t.facts.postalCode, d.request.postalCode] as [string, string]] : []),
          ...(d.request.town ? [[t.facts.town, d.request.town] as [string, string]] : []),
          [t.facts.region, d.request.region],
          ...(d.firstName ? [[t.facts.firstName, d.firstName] as [string, string]] : []),
          ...(d.email ? [[t.facts.email, d.email] as [string, string]] : []),
          ...(d.phone ? [[t.facts.phone, d.phone] as [string, string]] : []),
          [t.facts.expires, formatDate(d.request.expiresAt, lang)],
        ],
      },
    ],
    footer: [{ kind: 'link', label: t.privacy, href: d.privacyUrl }],
  }),
  'request.bought': (d, t) => ({
    subject: t.bought.subject(d.company),
    heading: t.bought.subject(d.company),
    blocks: [
      { kind: 'p', text: t.bought.intro(d.company) },
      { kind: 'p', text: t.bought.count(d.buyers, d.maxBuyers) },
      { kind: 'p', text: t.bought.manageHint },
    ],
    footer: [{ kind: 'link', label: t.privacy, href: d.privacyUrl }],
  }),
  'request.expiring': (d, t, lang) => ({
    subject: t.expiring.subject(formatDate(d.expiresAt, lang)),
    heading: t.expiring.subject(formatDate(d.expiresAt, lang)),
    blocks: [
      { kind: 'p', text: t.expiring.intro(formatDate(d.expiresAt, lang)) },
      { kind: 'link', label: t.expiring.close, href: d.closeUrl },
      { kind: 'link', label: t.expiring.manage, href: d.manageUrl },
    ],
    footer: [{ kind: 'link', label: t.privacy, href: d.privacyUrl }],
  }),
  'request.feedback': (d, t) => ({
    subject: t.feedback.subject,
    heading: t.feedback.subject,
    blocks: [
      { kind: 'p', text: t.feedback.intro },
      { kind: 'link', label: t.feedback.action, href: d.newRequestUrl },
    ],
    footer: [
      { kind: 'small', text: t.feedback.why },
      { kind: 'link', label: t.privacy, href: d.privacyUrl },
    ],
  }),
  'lead.alert': (d, t, lang) => ({
    subject: t.alert.subject(d.lead.category, d.lead.region),
    heading: t.alert.subject(d.lead.category, d.lead.region),
    blocks: [{ kind: 'p', text: t.alert.intro }, leadFacts(d.lead, t, lang), { kind: 'link', label: t.alert.open, href: d.lead.url }],
    footer: alertFooter(d.footer, t),
  }),
  'lead.digest': (d, t, lang) => ({
    subject: t.digest.subject(d.leads.length),
    heading: t.digest.subject(d.leads.length),
    blocks: [
      { kind: 'p', text: t.digest.intro },
      {
        kind: 'list',
        items: d.leads.map((l) => ({
          label: `${l.category}, ${l.region}`,
          href: l.url,
          detail: [l.postalCode, l.town, formatEuros(l.priceCents, lang)].filter(Boolean).join(', '),
        })),
      },
    ],
    footer: alertFooter(d.footer, t),
  }),
  'purchase.receipt': (d, t, lang) => ({
    subject: t.receipt.subject(d.lead.category, d.lead.region),
    heading: t.receipt.subject(d.lead.category, d.lead.region),
    blocks: [
      { kind: 'p', text: t.receipt.intro },
      {
        kind: 'facts',
        rows: [
          [t.facts.boughtAt, formatDateTime(d.boughtAt, lang)],
          [t.facts.category, d.lead.category],
          [t.facts.region, d.lead.region],
          [t.facts.price, formatEuros(d.lead.priceCents, lang)],
          [t.facts.purchaseId, d.purchaseId],
        ],
      },
      { kind: 'p', text: t.receipt.billing },
      { kind: 'link', label: t.receipt.open, href: d.lead.url },
    ],
  }),
  'invoice.issued': (d, t, lang) => ({
    subject: t.invoice.subject(d.number, formatMonth(d.periodStart, lang)),
    heading: t.invoice.subject(d.number, formatMonth(d.periodStart, lang)),
    blocks: [
      { kind: 'p', text: t.invoice.intro(formatMonth(d.periodStart, lang)) },
      {
        kind: 'facts',
        rows: [
          [t.invoice.number, d.number],
          [t.invoice.total, formatEuros(d.totalCents, lang)],
          [t.invoice.due, formatDate(d.dueAt, lang)],
          [t.invoice.reference, d.reference],
        ],
      },
      { kind: 'link', label: t.invoice.open, href: d.url },
    ],
  }),
  'user.invite': (d, t) => ({
    subject: t.invite.subject(d.company),
    heading: t.invite.subject(d.company),
    blocks: [
      { kind: 'p', text: t.invite.intro(d.company) },
      { kind: 'link', label: t.invite.action, href: d.url, text: t.invite.valid(sessions.inviteDays) },
      { kind: 'small', text: t.invite.ignore },
    ],
  }),
  'user.password_reset': (d, t) => ({
    subject: t.reset.subject,
    heading: t.reset.subject,
    blocks: [
      { kind: 'p', text: t.reset.intro },
      { kind: 'link', label: t.reset.action, href: d.url, text: t.reset.valid(mailConfig.resetLinkHours) },
      { kind: 'small', text: t.reset.ignore },
    ],
  }),
  'user.email_changed': (d, t, lang) => ({
    subject: t.emailChanged.subject,
    heading: t.emailChanged.subject,
    blocks: [
      { kind: 'p', text: t.emailChanged.intro(formatDateTime(d.changedAt, lang)) },
      { kind: 'p', text: t.emailChanged.notYou },
    ],
  }),
  'user.add_attempt': (d, t) => ({
    subject: t.addAttempt.subject,
    heading: t.addAttempt.subject,
    blocks: [
      { kind: 'p', text: t.addAttempt.intro(d.company) },
      { kind: 'link', label: t.addAttempt.action, href: d.loginUrl },
      { kind: 'small', text: t.addAttempt.ignore },
    ],
  }),
};

export function renderTemplate<T extends TemplateId>(id: T, data: TemplateData[T], lang: Locale): Rendered {
  const t = strings[lang];
  const doc = builders[id](data, t, lang);
  return render({ ...doc, footer: [...(doc.footer ?? []), { kind: 'small', text: t.footer }] }, lang);
}
