/**
 * The server config: ONE JSON file (`--config path`, default `demo/config.json`), validated at
 * start with zod (the same `zod/mini` objects as core's wire contract). A bad file stops start-up
 * with every problem listed as `<file>: <path>: <message>`.
 *
 * Features own their site sections: `notice`, `booking` and `newsletter` are one line each below;
 * replace `z.optional(z.unknown())` with the feature's schema (e.g. from `./booking/config.js`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { formatPath } from '@consentkit/core';
import { issueMessage } from './zod.js';
import { Id } from '@consentkit/core/wire';
import { NewsletterConfig } from './newsletter/config.js';
import { BookingConfig } from './booking/config.js';
import { NoticeConfig } from './notice/config.js';

const posInt = () => z.number().check(z.int(), z.positive());
const Origin = z.string().check(z.regex(/^https?:\/\/[^/\s?#]+$/, 'expected an origin like https://example.com (no path, no trailing slash)'));
const HttpUrl = z.string().check(z.regex(/^https?:\/\/[^\s]+$/, 'expected an http(s) URL'));

/** How long each kind of data is kept (the purge job in retention.ts applies it). */
export const Retention = z.object({
  /** Proof of consent (CNIL: keep it as long as you rely on the consent, plus limitation periods). */
  consentsDays: z._default(posInt(), 1825),
  bookingsDays: z._default(posInt(), 365),
  pendingSubscriptionHours: z._default(posInt(), 72),
  mailsDays: z._default(posInt(), 30),
});
export type Retention = z.infer<typeof Retention>;

export const SiteServerConfig = z.strictObject({
  id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Browser origins allowed to call the API for this site (CORS allowlist). */
  origins: z.array(Origin).check(z.minLength(1)),
  policyUrl: z.string().check(z.minLength(1)),
  retention: z._default(Retention, { consentsDays: 1825, bookingsDays: 365, pendingSubscriptionHours: 72, mailsDays: 30 }),
  notice: z.optional(NoticeConfig),
  booking: z.optional(BookingConfig),
  newsletter: z.optional(NewsletterConfig),
});
export type SiteServerConfig = z.infer<typeof SiteServerConfig>;

export const SmtpConfig = z.strictObject({
  host: z.string().check(z.minLength(1)),
  port: z._default(posInt(), 587),
  /** TLS from the start (port 465); otherwise STARTTLS when offered. */
  secure: z._default(z.boolean(), false),
  user: z.optional(z.string()),
  /** Name of the environment variable holding the SMTP password (never the password itself). */
  passwordEnv: z.optional(z.string()),
});
export type SmtpConfig = z.infer<typeof SmtpConfig>;

export const ServerConfig = z.strictObject({
  $schema: z.optional(z.string()),
  /** Public base URL of this server (links in mails point here). */
  publicUrl: HttpUrl,
  /** Believe X-Forwarded-For: false (default), true (any proxy), or the number of proxy hops. */
  trustProxy: z._default(z.union([z.boolean(), z.number().check(z.int(), z.nonnegative())]), false),
  /** Environment variable holding the admin API key. */
  adminKeyEnv: z._default(z.string().check(z.regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name')), 'CONSENTKIT_ADMIN_KEY'),
  mail: z.strictObject({
    from: z.string().check(z.minLength(3)),
    smtp: z.optional(SmtpConfig),
  }),
  limits: z._default(
    z.strictObject({
      /** Largest request body accepted (bytes); larger ones get 413. */
      bodyBytes: z._default(posInt(), 64 * 1024),
      /** Consent records per client IP per minute. */
      consentsPerMinute: z._default(posInt(), 120),
    }),
    { bodyBytes: 64 * 1024, consentsPerMinute: 120 },
  ),
  sites: z.array(SiteServerConfig).check(z.minLength(1)),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
export type ServerConfigInput = z.input<typeof ServerConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validate a parsed config object; throws ConfigError listing every issue, prefixed by `source`. */
export function parseServerConfig(input: unknown, source = 'config'): ServerConfig {
  const result = ServerConfig.safeParse(input);
  const problems: string[] = [];
  if (!result.success) {
    for (const iss of result.error.issues) problems.push(`${formatPath(iss.path)}: ${issueMessage(iss)}`);
  } else {
    const seen = new Set<string>();
    result.data.sites.forEach((s, i) => {
      if (seen.has(s.id)) problems.push(`sites[${i}].id: duplicate site id ${JSON.stringify(s.id)}`);
      seen.add(s.id);
    });
    if (result.data.mail.smtp?.passwordEnv && process.env[result.data.mail.smtp.passwordEnv] === undefined)
      problems.push(`mail.smtp.passwordEnv: environment variable ${result.data.mail.smtp.passwordEnv} is not set`);
  }
  if (problems.length) throw new ConfigError(`Invalid server config ${source}:\n${problems.map((p) => `  ${source}: ${p}`).join('\n')}`);
  return result.data!;
}

/** Read and validate a config file. */
export function loadConfig(path: string): ServerConfig {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read server config ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Invalid server config ${file}: not valid JSON (${(err as Error).message})`);
  }
  return parseServerConfig(json, file);
}

/** The demo config shipped with the package (`npm start`, tests). */
export const demoConfigPath: string = join(dirname(fileURLToPath(import.meta.url)), '..', 'demo', 'config.json');
