// Optional bot check per partner (Cloudflare Turnstile). Reached through this port so a test
// can stand a local server in for the provider.
export type BotCheck = { verify(token: string): Promise<boolean> };

/** Used when no secret is configured: partners without a site key never call it. */
export const noBotCheck: BotCheck = { verify: async () => false };

export function createTurnstile(options: {
  secret: string;
  url?: string;
  fetch?: typeof fetch;
}): BotCheck {
  const url = options.url ?? 'https://challenges.cloudflare.com/turnstile/v0/siteverify';
  const doFetch = options.fetch ?? fetch;
  return {
    async verify(token) {
      const body = new URLSearchParams({ secret: options.secret, response: token });
      // The visitor's address is deliberately not sent (S8, S11).
      const res = await doFetch(url, { method: 'POST', body });
      if (!res.ok) return false;
      const result = (await res.json()) as { success?: boolean };
      return result.success === true;
    },
  };
}
