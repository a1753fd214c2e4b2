import type { MailStrings } from './fi.ts';

export const en: MailStrings = {
  footer: 'Linkki – requests for renovation quotes',
  privacy: 'Privacy notice',
  facts: {
    category: 'Kind of work',
    description: 'Description',
    postalCode: 'Postal code',
    town: 'Town',
    region: 'Region',
    firstName: 'First name',
    email: 'Email',
    phone: 'Phone',
    expires: 'Visible until',
    created: 'Sent',
    price: 'Price (VAT 0 %)',
    boughtAt: 'Bought',
    purchaseId: 'Purchase number',
  },
  confirmation: {
    subject: 'We received your request for quotes',
    intro: (until) =>
      `Thank you! Renovation companies can see your request until ${until}. Companies that buy it get your contact details and will contact you.`,
    sent: 'What you sent',
    manage: 'Manage your request',
    manageText:
      'With this link you can see your request and who bought it, correct it, forbid marketing, close the request or erase your contact details. The link is personal: do not share it.',
    confirm: 'Confirm your e-mail address',
    confirmText: 'Confirm your address with one click. Companies will then see that your contact details are confirmed.',
    confirmHeld: (hours) =>
      `Companies see your request only once you have confirmed your e-mail address. An unconfirmed request is deleted after ${hours} hours.`,
  },
  sms: {
    code: (code, minutes, url) =>
      `Linkki: your confirmation code is ${code} (works for ${minutes} min). Do not tell it to anyone. You can also enter the code on your request's page: ${url}`,
  },
  bought: {
    subject: (company) => `${company} bought your request`,
    intro: (company) => `${company} has received your contact details and may contact you.`,
    count: (n, max) => `${n} of ${max} companies have now bought the request.`,
    manageHint: 'You can close the request or erase your contact details with the manage link in your confirmation email.',
  },
  expiring: {
    subject: (until) => `Your request closes on ${until}`,
    intro: (until) =>
      `Companies can see your request until ${until}. If you have already found someone for the job, you can close the request now.`,
    close: 'Close the request',
    manage: 'Manage your request',
  },
  feedback: {
    subject: 'How is your renovation going?',
    intro: 'We hope you found the right company. When your next renovation comes up, send a new request for quotes.',
    action: 'Send a new request',
    why: "You get this message because you sent a request through Linkki. You can forbid marketing on your request's manage page (the link is in your confirmation email).",
  },
  alert: {
    subject: (category, region) => `New request: ${category}, ${region}`,
    intro: "A new request from your company's regions and kinds of work:",
    open: 'See the request',
  },
  digest: {
    subject: (n) => (n === 1 ? '1 new request' : `${n} new requests`),
    intro: "New requests from your company's regions and kinds of work in the last day:",
  },
  alertsFooter: {
    instant: 'You get an alert for every new request.',
    daily: 'You get new requests once a day as a digest.',
    settings: 'Alert settings',
    unsubscribe: 'Stop these alerts',
  },
  receipt: {
    subject: (category, region) => `Receipt: you bought a request (${category}, ${region})`,
    intro: "You bought a request. The customer's contact details are in the service.",
    open: 'See the request and contact details',
    billing: 'The purchase is billed on your next monthly invoice, with VAT added.',
  },
  invoice: {
    subject: (number, period) => `Invoice ${number}: Linkki, ${period}`,
    intro: (period) => `Your company's Linkki invoice for ${period} is ready. The breakdown and a printable invoice are in the service.`,
    number: 'Invoice number',
    total: 'Total (VAT included)',
    due: 'Due date',
    reference: 'Reference number',
    open: 'See the invoice',
  },
  invite: {
    subject: (company) => (company ? `Invitation to Linkki: ${company}` : "Invitation to Linkki's staff"),
    intro: (company) =>
      company ? `A Linkki account has been created for you at ${company}.` : 'A Linkki staff account has been created for you.',
    action: 'Set your password',
    valid: (days) => `The link works for ${days} days, once.`,
    ignore: 'If you did not expect this message, you can ignore it.',
  },
  reset: {
    subject: 'Resetting your Linkki password',
    intro: 'Someone asked to reset your password. Set a new password with the link below.',
    action: 'Set a new password',
    valid: (hours) => `The link works for ${hours} hours, once.`,
    ignore: 'If you did not ask for this, ignore this message: your password stays as it is.',
  },
  emailChanged: {
    subject: 'The email address of your Linkki account was changed',
    intro: (at) => `The email address of your Linkki account was changed on ${at}. Linkki no longer sends mail to this address.`,
    notYou:
      "If you did not change it yourself, contact your company's owner or Linkki's staff at once: someone else may be using your account.",
  },
  addAttempt: {
    subject: 'Someone tried to add you to Linkki',
    intro: (company) =>
      company
        ? `${company} tried to add you as a user in Linkki. You already have a Linkki account with this address, so no new account was made.`
        : 'Someone tried to add you as a user in Linkki. You already have a Linkki account with this address, so no new account was made.',
    action: 'Sign in to Linkki',
    ignore: "If you want to move to another company's account, contact Linkki's staff. Otherwise you can ignore this message.",
  },
};
