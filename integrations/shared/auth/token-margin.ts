/** The longest a token is given up before its expiry. */
const MAX_MARGIN_MS = 60_000;

/**
 * How long before expiry a cached token is replaced: a tenth of its lifetime, at most a minute.
 * A fixed minute would never reuse a 60-second token, so every call would fetch a grant (#18 item 7).
 * One rule for the OAuth2 client and the Maskinporten/Altinn token provider.
 */
export const refreshMarginMs = (lifetimeMs: number): number => Math.min(MAX_MARGIN_MS, Math.max(0, lifetimeMs) / 10);
