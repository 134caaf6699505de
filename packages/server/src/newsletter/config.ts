/**
 * The `newsletter` section of a site's server config: lists, token lifetimes, limits,
 * retention, landing pages. Validated with full zod on the server (browser code never loads it).
 */
import { z } from 'zod';
import { Id } from '@consentkit/core/wire';

const Limit = z.object({
  /** Attempts allowed per window. */
  points: z.number().int().positive(),
  durationSec: z.number().int().positive(),
});

export const NewsletterList = z.object({
  id: Id,
  /** Shown in the mails (never anything the visitor typed). */
  name: z.string().min(1).max(200),
  description: z.string().max(1000).optional(),
});

export const NewsletterConfig = z.object({
  lists: z.array(NewsletterList).min(1),
  /** Lifetime of a confirmation link (default 48 h). */
  confirmTokenTtlHours: z.number().positive().default(48),
  /** Lifetime of an unsubscribe link in a mail (default 400 days). */
  unsubscribeTokenTtlDays: z.number().positive().default(400),
  /** Pending (never confirmed) requests and dead tokens are purged after this many days. */
  pendingRetentionDays: z.number().positive().default(7),
  /** Landing page that hosts `<ck-newsletter-confirm>`; the token goes in the fragment. Default: `<publicUrl>/newsletter-confirm.html`. */
  confirmUrl: z.string().url().optional(),
  /** Landing page that hosts `<ck-newsletter-unsubscribe>`. Default: `<publicUrl>/newsletter-unsubscribe.html`. */
  unsubscribeUrl: z.string().url().optional(),
  /** Store the requester's IP with the proof of consent (only the trusted-proxy client IP). */
  storeIp: z.boolean().default(false),
  /** Sender of the mails (default: the server's mail `from`). */
  from: z.string().max(320).optional(),
  limits: z
    .object({
      /** Confirmation mails per address per window (subscribe + resend together). */
      perEmail: Limit.default({ points: 3, durationSec: 3600 }),
      /** Subscribe/resend requests per client IP per window (429 beyond). */
      perIp: Limit.default({ points: 30, durationSec: 3600 }),
    })
    .default({ perEmail: { points: 3, durationSec: 3600 }, perIp: { points: 30, durationSec: 3600 } }),
});
export type NewsletterConfig = z.infer<typeof NewsletterConfig>;
export type NewsletterConfigInput = z.input<typeof NewsletterConfig>;
