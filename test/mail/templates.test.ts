// Every template in every language renders from the one renderer: a subject, plain text and
// simple HTML (lang, one h1, links that name their target), with everything interpolated escaped.
import { describe, expect, test } from 'vitest';
import { locales } from '../../api/contract/request.ts';
import { mailClassOf, renderTemplate, type TemplateData, type TemplateId } from '../../api/mail/templates.ts';

const now = new Date('2026-11-28T10:00:00Z');
const lead = {
  category: 'Kylpyhuone',
  region: 'Uusimaa',
  postalCode: '00100',
  town: 'Helsinki',
  createdAt: now,
  expiresAt: new Date('2026-12-26T10:00:00Z'),
  priceCents: 2500,
  url: 'https://linkki.example/dashboard/leads/r1',
};
const footer = {
  mode: 'instant' as const,
  settingsUrl: 'https://linkki.example/dashboard/mail',
  unsubscribeUrl: 'https://linkki.example/mail/unsubscribe/u1.ab',
};
const samples: { [T in TemplateId]: TemplateData[T] } = {
  'request.confirmation': {
    request: { ...lead, description: 'Laatat <script>alert(1)</script> & "vedeneristys"' },
    email: 'matti@example.fi',
    phone: '0401234567',
    firstName: 'Maija',
    answers: [{ question: 'Aikataulu', answer: 'Mahdollisimman pian' }],
    manageUrl: 'https://linkki.example/manage?lang=fi#SECRET',
    confirmUrl: 'https://linkki.example/manage?lang=fi#SECRET.0123456789abcdef0123456789abcdef',
    held: true,
    privacyUrl: 'https://linkki.example/privacy?lang=fi',
  },
  'request.bought': { company: 'Remontti & Co Oy', buyers: 1, maxBuyers: 3, privacyUrl: 'https://linkki.example/privacy' },
  'request.expiring': {
    expiresAt: lead.expiresAt,
    closeUrl: 'https://linkki.example/mail/close#T',
    manageUrl: 'https://linkki.example/manage#T',
    privacyUrl: 'https://linkki.example/privacy',
  },
  'request.feedback': {
    newRequestUrl: 'https://linkki.example/request?partner=demo&lang=fi',
    privacyUrl: 'https://linkki.example/privacy',
  },
  'lead.alert': { lead, footer },
  'lead.digest': { leads: [lead, { ...lead, region: 'Lappi' }], footer },
  'purchase.receipt': { lead, purchaseId: 'p-1', boughtAt: now },
  'invoice.issued': {
    number: '202600017',
    periodStart: new Date('2026-10-31T22:00:00Z'),
    totalCents: 5020,
    dueAt: new Date('2026-12-15T10:00:00Z'),
    reference: '2026000172',
    url: 'https://linkki.example/dashboard/invoices/i1',
  },
  'user.invite': { company: 'Remontti Oy', url: 'https://linkki.example/invite#T' },
  'user.password_reset': { url: 'https://linkki.example/invite#T' },
  'user.email_changed': { changedAt: now },
  'user.add_attempt': { company: 'Remontti & Co Oy', loginUrl: 'https://linkki.example/dashboard/login?lang=fi' },
};

describe.each(locales)('%s', (lang) => {
  test.each(Object.keys(mailClassOf) as TemplateId[])('%s renders as text and accessible HTML', (id) => {
    const out = renderTemplate(id, samples[id] as never, lang);
    for (const part of [out.subject, out.text, out.html]) {
      expect(part).not.toMatch(/undefined|NaN|\[object /);
      expect(part.length).toBeGreaterThan(5);
    }
    expect(out.html).toContain(`<html lang="${lang}">`);
    expect(out.html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(out.html).not.toMatch(/<script|<img|<table/);
    // Every link in the HTML is in the text version too, and says what it is.
    for (const [, href, label] of out.html.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)) {
      expect(out.text).toContain(href!.replaceAll('&amp;', '&'));
      expect(label!.trim().length).toBeGreaterThan(2);
    }
  });
});

test('what a customer typed is escaped in HTML and kept as typed in text', () => {
  const out = renderTemplate('request.confirmation', samples['request.confirmation'], 'fi');
  expect(out.html).toContain('Laatat &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;vedeneristys&quot;');
  expect(out.text).toContain('Laatat <script>alert(1)</script> & "vedeneristys"');
});

test('alerts carry no contact details: their data has no place for them', () => {
  const out = renderTemplate('lead.alert', samples['lead.alert'], 'fi');
  expect(out.text).toContain('Uusi tarjouspyyntö: Kylpyhuone, Uusimaa');
  expect(out.text).toContain(footer.unsubscribeUrl);
});
