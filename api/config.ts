// Every number the product promises lives here once: the jobs, the privacy notice,
// the widget config and the API all import it (SPEC.md "Life cycle and retention").

export const retention = {
  /** S18: a request is visible to contractors at most 4 weeks. */
  visibleDays: 28,
  /** S19, S20: contact details stay in buyers' archive 6 months after the request ended. */
  archiveMonths: 6,
  /** S17: backups made by `npm run backup` are kept at most this long. */
  backupDays: 30,
  /** Rows per write in the life-cycle jobs: a large backlog never holds one long write lock. */
  jobBatchSize: 500,
} as const;

export const sales = {
  /** Default cap on buyers per request; categories may override it. */
  defaultMaxBuyers: 3,
  /** Default price of one lead, in cents, VAT excluded. */
  defaultPriceCents: 2500,
} as const;

export const intake = {
  /** SPEC.md: a body over 16 KiB → 413. */
  maxBodyBytes: 16 * 1024,
  /** How long a replayed Idempotency-Key returns the first answer. */
  idempotencyHours: 24,
} as const;

/**
 * Bodies are cut off at these sizes before they are read whole (413): Content-Length is checked
 * first, a chunked body is counted as it streams. Intake has its own, smaller limit above.
 */
export const bodyLimits = {
  /** Every route: the largest form or JSON body Linkki takes is a few KiB. */
  defaultBytes: 32 * 1024,
  /** The widget's counter beacons: `{partner, event}`. */
  eventsBytes: 1024,
} as const;

export const rateLimits = {
  /** Requests sent per source per window (keyed hash of the address, S8). */
  intake: { limit: 10, windowSeconds: 600 },
  /** Requests one partner's backend sends with its secret key per window (all its residents share its address). */
  serverIntake: { limit: 600, windowSeconds: 3600 },
  /** Postal-code and config look-ups per source per window. */
  lookup: { limit: 300, windowSeconds: 60 },
  /** Login and invite attempts per source per window, whatever the email (password spraying). */
  login: { limit: 30, windowSeconds: 900 },
} as const;

export type RateLimitRule = { limit: number; windowSeconds: number };

/** Version of the privacy notice a consent refers to; bump when its text changes. */
export const privacyNoticeVersion = '2026-12-03';

/**
 * What every visitor of a partner's page reads (the partner, its origins, the categories) is
 * cached (api/adapters/cache.ts): on Node in memory, on the Worker in the location's Cache API.
 * An edit deletes the entry at once where it is made; elsewhere it lives at most this long.
 */
export const widgetCache = { ttlSeconds: 60 } as const;

/**
 * The widget's page-view ticks (shown, started) are summed in memory and written together
 * (api/domain/counter-buffer.ts): at most this many seconds of ticks wait, and are lost if the
 * process or isolate dies first. COUNTER_FLUSH_SECONDS overrides it; 0 writes each tick at once.
 */
export const counters = { flushSeconds: 10 } as const;

/**
 * The proof of work every browser's request carries (ALTCHA, api/domain/bot-check.ts): the
 * server hides a counter drawn from 0…difficulty, the widget finds it by hashing while the
 * visitor types (SHA-256 of salt ‖ nonce ‖ counter until the key starts with the signed prefix),
 * half the range on average. POW_DIFFICULTY overrides it; BENCHMARKS.md gives the solving time
 * on a slow phone profile.
 */
export const botCheck = {
  difficulty: 50_000,
  /** A challenge is good this long after it was issued, and its use is remembered as long. */
  ttlSeconds: 30 * 60,
} as const;

/**
 * Confirmed contacts (api/domain/confirm-contact.ts): the confirmation mail carries a one-click
 * link; a customer who gave only a phone gets a code by SMS and types it into the widget.
 * REQUIRE_CONFIRMED_CONTACT=true lists a request only once confirmed, and deletes it unconfirmed
 * after `holdHours` (the privacy notice says so).
 */
export const confirmation = {
  /** An unconfirmed request waits this long for its confirmation (hold mode), then it is deleted. */
  holdHours: 48,
  /** Digits of the SMS code. */
  codeDigits: 6,
  /** A code works this long after it was sent; a new one can be asked for. */
  codeMinutes: 30,
  /** Wrong tries of one code before it stops working (a 6-digit code is then a 1 in 200 000 guess). */
  codeAttempts: 5,
  /** Codes one request may be sent, the first included: each SMS costs money and reaches a person. */
  codeSends: 3,
  /**
   * Codes texted to one number per Helsinki calendar day, over all requests (the form is not an
   * SMS cannon either: mail.confirmationsPerAddressPerDay's twin). Over it the code is recorded
   * as `capped` and never sent; the partner's hourly cap counts texts with its confirmations.
   */
  codesPerPhonePerDay: 5,
} as const;

/**
 * Duplicates (api/domain/submit-request.ts, buy-lead.ts): a request with the same contact (the
 * keyed hash of its e-mail or phone) in the same category within `linkDays` of the first is
 * linked to it; a company that bought one of them has the others too, at no charge.
 */
export const duplicates = {
  linkDays: 14,
} as const;

/** The scheduled cleanup (api/domain/housekeeping.ts). */
export const housekeeping = {
  /** Rows per DELETE on the high-volume tables: each statement holds the database a few ms, not seconds. */
  chunkRows: 5000,
} as const;

export const sessions = {
  /** SPEC.md: 30 minutes idle, 12 hours absolute. */
  idleMinutes: 30,
  absoluteHours: 12,
  /** How long an invite link stays valid. */
  inviteDays: 7,
} as const;

/**
 * Mail (api/jobs/send-mail.ts). Sending never blocks the action that caused it: the outbox row
 * is written with the action and a sender drains it, with exponential backoff between tries.
 */
export const mail = {
  /** Tries before a message is recorded as failed. */
  maxAttempts: 6,
  /** The first retry waits this long; each next one `backoffFactor` times longer (1, 4, 16, 64, 256 min). */
  firstRetrySeconds: 60,
  backoffFactor: 4,
  /** A row still `sending` this long after its claim was cut off mid-send: marked unknown, never sent again. */
  sendingTimeoutMinutes: 10,
  /**
   * Rows one claim takes (one UPDATE … RETURNING); a drain claims again while claims come back
   * full. A sender that dies mid-drain leaves at most these rows `sending`, later `unknown`.
   */
  drainBatchSize: 50,
  /**
   * Mails in flight at once in one drain, and the SMTP pool's connections. Under the 6
   * simultaneous outgoing connections a Worker invocation may hold.
   */
  sendConcurrency: 4,
  /**
   * How long one drain keeps sending: no send starts after `seconds` (claimed rows not started
   * are handed back) and at most `mails` are claimed, so a claim lives `seconds` plus one send
   * (its timeouts in mailer-smtp.ts), well inside sendingTimeoutMinutes.
   * - node: the pump (api/jobs/send-mail.ts) drains again at once while mail is due.
   * - workerCron: a cron more often than hourly may use 30 s of CPU and 15 minutes of wall time,
   *   and an invocation 10 000 subrequests (paid plan). A mail costs 4–5 (two or three reads, the
   *   send, the settle, its share of a claim): 1 000 mails leave half for the other jobs.
   * - workerAfterWrite: waitUntil may run 30 s after the answer; one claim's worth.
   */
  drain: {
    node: { seconds: 20 },
    workerCron: { seconds: 60, mails: 1000 },
    workerAfterWrite: { seconds: 10, mails: 50 },
  },
  /** The customer is reminded this many days before the request expires (S18), with a one-click close (S25). */
  reminderDaysBeforeExpiry: 3,
  /** The feedback mail (marketing class, S23) goes this many days after a request was sent, if it was bought. */
  feedbackDays: 14,
  /** Daily digests of new requests go out from this hour, Finnish time. */
  digestHour: 7,
  /** Password-reset links work this long. */
  resetLinkHours: 2,
  /** The staff view's records of sent mail (no bodies, no addresses) are kept this long, like a request's data (S17). */
  logMonths: 7,
  /**
   * SPEC.md (December 2026): at most this many request confirmations to one address per Helsinki
   * calendar day; more are recorded as `capped` and never sent, and their requests get no later
   * customer mail. A confirmation quotes the sender's text from our domain: without a cap the form
   * mails anyone anything.
   */
  confirmationsPerAddressPerDay: 3,
  /** Confirmations one partner's form may cause per hour (MAIL_CAP_PARTNER_HOURLY overrides); more are `capped`. */
  confirmationsPerPartnerPerHour: 200,
} as const;

/**
 * Sign-in throttling (ASVS 2.2.1), counted before any password is hashed (api/domain/sessions.ts).
 * Attempts are counted when they start and a success gives its attempt back, so `failures`
 * concurrent wrong guesses are all one source ever gets hashed per window.
 */
export const loginThrottle = {
  /** Attempts per account AND source per window before 429; the window ends, so nobody is locked out for good. */
  failures: 5,
  /**
   * Attempts per account over all sources per window. Past it, only a source that has not yet
   * tried this account in the window gets a guess (then it too waits): a spread-out attacker
   * gets one guess per address instead of `failures`, and the owner at an address that was not
   * failing still signs in (SPEC: never locked out by failures from other addresses).
   */
  accountFailures: 20,
  /** Password sets through invite and reset links per source per window that reach the hash. */
  passwordSets: 10,
  windowSeconds: 15 * 60,
} as const;

/**
 * Password hashing: PBKDF2-HMAC-SHA-256 through WebCrypto (the same on Node and workerd).
 * OWASP asks 600 000 iterations; Workers refuse more than 100 000 in one deriveBits call, so
 * the hash chains `rounds` calls of `iterationsPerRound`, each keyed with the previous output.
 */
/**
 * Words of this service and its languages that a password must not be built on (NIST SP 800-63B
 * "context-specific words"): the service's name and trade, and "password" in fi/sv/en.
 */
export const passwordContextWords = [
  'linkki',
  'remonttilinkki',
  'remontti',
  'urakoitsija',
  'salasana',
  'lösenord',
  'losenord',
  'password',
] as const;

export const passwordHashing = {
  iterationsPerRound: 100_000,
  rounds: 6,
  saltBytes: 16,
  hashBytes: 32,
  minLength: 10,
  maxLength: 200,
} as const;

/**
 * Billing (S2, S7): money is integer cents throughout. VAT is figured once per invoice on its
 * net total and rounded half away from zero to the cent (half up for a charge; a credit
 * invoice mirrors it), see api/domain/billing/money.ts.
 */
export const billing = {
  /** Finnish general VAT rate since 2024-09-01: 25.5 % in basis points. */
  vatBasisPoints: 2550,
  /** Payment term: the due date is this many days after the invoice date. */
  dueDays: 14,
  /** A buyer may claim a credit for a bought request this many days after the purchase. */
  claimDays: 14,
  /** "duplicate" is approved at once when this company bought the same contact this many days before. */
  duplicateDays: 30,
  /** "never_asked" is approved at once when the customer closed the request this soon after sending it. */
  neverAskedClosedWithinHours: 48,
  /** Digits of the yearly sequence in an invoice number (YYYY + 00001). */
  sequenceDigits: 5,
  /** Longest note a contractor or staff may write on a claim. */
  noteMaxLength: 1000,
} as const;

/** The seller on invoices for a local start (SELLER_* unset). Production must set its own (README, "Billing"). */
export const demoSeller = {
  name: 'Linkki Demo Oy',
  businessId: '1234567-1',
  vatId: 'FI12345671',
  street: 'Esimerkkikatu 1',
  postalCode: '00100',
  town: 'Helsinki',
  iban: 'FI2112345600000785',
  bic: 'NDEAFIHH',
  email: 'laskutus@linkki.example',
  einvoiceAddress: null,
  einvoiceOperator: null,
} as const;
