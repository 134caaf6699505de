/**
 * The `newsletter` section of a site in the server config: lists, token lifetimes, limits,
 * landing pages. zod/mini, like every other config schema (core's wire.ts objects are reused).
 * How long pending requests are kept is the site's `retention.pendingSubscriptionHours`.
 */
import * as z from 'zod/mini';
import { Id } from '@consentkit/core/wire';

const posInt = () => z.number().check(z.int(), z.positive());
const HttpUrl = z.string().check(z.regex(/^https?:\/\/[^\s]+$/, 'expected an http(s) URL'));
const Limit = z.object({
  /** Attempts allowed per window. */
  points: posInt(),
  durationSec: posInt(),
});

export const NewsletterList = z.object({
  id: Id,
  /** Shown in the mails (the only list text a mail carries; never anything the visitor typed). */
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  description: z.optional(z.string().check(z.maxLength(1000))),
});

const DEFAULT_LIMITS = { perEmail: { points: 3, durationSec: 3600 }, perIp: { points: 30, durationSec: 3600 } };

export const NewsletterConfig = z.object({
  lists: z.array(NewsletterList).check(z.minLength(1)),
  /** Lifetime of a confirmation link in hours (default 48). */
  confirmTokenTtlHours: z._default(z.number().check(z.positive()), 48),
  /** Lifetime of an unsubscribe link in a mail, in days (default 400). */
  unsubscribeTokenTtlDays: z._default(z.number().check(z.positive()), 400),
  /** Page hosting `<ck-newsletter-confirm>` (token in the fragment). Default `<publicUrl>/newsletter-confirm.html`. */
  confirmUrl: z.optional(HttpUrl),
  /** Page hosting `<ck-newsletter-unsubscribe>`. Default `<publicUrl>/newsletter-unsubscribe.html`. */
  unsubscribeUrl: z.optional(HttpUrl),
  /** Keep the requester's IP with the proof of consent (the trusted-proxy client IP only). Default false. */
  storeIp: z._default(z.boolean(), false),
  limits: z._default(
    z.object({
      /** Confirmation mails per address per window (subscribe and resend together); beyond: same 202, no mail. */
      perEmail: z._default(Limit, DEFAULT_LIMITS.perEmail),
      /** Subscribe/resend requests per client IP per window; beyond: 429 with Retry-After. */
      perIp: z._default(Limit, DEFAULT_LIMITS.perIp),
    }),
    DEFAULT_LIMITS,
  ),
});
export type NewsletterConfig = z.infer<typeof NewsletterConfig>;
export type NewsletterConfigInput = z.input<typeof NewsletterConfig>;
