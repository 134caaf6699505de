/**
 * The HTTP contract between the widgets and the API server: request, response and error
 * schemas for every endpoint under `/v1`. The single source of truth: the client validates
 * responses with these, the server validates requests with them and derives its OpenAPI
 * document from them. Written with `zod/mini` (browser-sized); the server uses the same objects.
 */
import * as z from 'zod/mini';

const text = (max: number) => z.string().check(z.maxLength(max));
export const Id = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, 'expected an id'));
export const Uuid = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID'));
export const Instant = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'expected an ISO 8601 instant'));
export const LocalDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'));
export const Locale = z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag'));
export const TimeZone = z.string().check(z.regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, 'expected an IANA time zone'));
export const Email = z.string().check(z.trim(), z.maxLength(254), z.email('expected an email address'));
/** A page path without query or fragment (no personal data in URLs reaches the server). */
export const PagePath = z.string().check(z.maxLength(2048), z.regex(/^\/[^?#]*$/, 'expected a path without query or fragment'));
/** A token from a mail or a booking: 256-bit random, base64url. */
export const Token = z.string().check(z.regex(/^[A-Za-z0-9_-]{22,128}$/, 'expected a token'));
/** Hex SHA-256 of a text shown to the visitor (consent text, privacy notice). */
export const TextHash = z.string().check(z.regex(/^[0-9a-f]{8,64}$/, 'expected a hex hash'));

// ---------------------------------------------------------------------------------- errors
export const ErrorCode = z.enum([
  'validation_failed',
  'invalid_json',
  'not_found',
  'unknown_site',
  'origin_not_allowed',
  'unauthorized',
  'slot_unavailable',
  'conflict',
  'idempotency_conflict',
  'token_expired',
  'token_invalid',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;
/** Every non-2xx answer has this body. */
export const ErrorBody = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.optional(z.array(FieldIssue)),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

// -------------------------------------------------------------------------------- consents
export const ConsentAction = z.enum(['accept_all', 'reject_all', 'custom', 'withdraw']);
export type ConsentAction = z.infer<typeof ConsentAction>;
/** Where a decision was made (CNIL proof-of-consent practice). */
export const ConsentSource = z.enum(['banner', 'settings', 'withdrawal', 'gpc', 'api', 'embed']);
export type ConsentSource = z.infer<typeof ConsentSource>;
/** POST /v1/consents — one consent decision; idempotent on `id`. */
export const ConsentRecord = z.object({
  /** Record id (UUID): the same decision posted twice is stored once. */
  id: Uuid,
  /** Stable per visitor's choice history. */
  consentId: Uuid,
  site: Id,
  revision: z.number().check(z.int(), z.nonnegative()),
  granted: z.array(Id).check(z.maxLength(200)),
  denied: z.array(Id).check(z.maxLength(200)),
  /** Per-service choices (`service id`s granted), when the visitor chose per service. */
  services: z.optional(z.array(Id).check(z.maxLength(500))),
  action: ConsentAction,
  source: z._default(ConsentSource, 'banner'),
  gpc: z.boolean(),
  locale: Locale,
  /** SHA-256 (hex) of the banner text the visitor saw. */
  textHash: TextHash,
  pagePath: PagePath,
  clientTime: Instant,
});
export type ConsentRecord = z.input<typeof ConsentRecord>;
export const ConsentReceipt = z.object({ id: Uuid, receivedAt: Instant });
export type ConsentReceipt = z.infer<typeof ConsentReceipt>;

// --------------------------------------------------------------------------------- booking
export const BookingField = z.enum(['firstName', 'lastName', 'email', 'company', 'jobTitle', 'subject', 'message']);
export type BookingField = z.infer<typeof BookingField>;
/** GET /v1/sites/{site}/booking/services */
export const BookingService = z.object({
  id: Id,
  name: z.string(),
  description: z.optional(z.string()),
  durationMinutes: z.number().check(z.int(), z.positive()),
  /** The business's time zone (slots are generated in it). */
  timezone: TimeZone,
  /** Fields that must be provided; the widget's asterisks follow this. */
  requiredFields: z.array(BookingField),
});
export type BookingService = z.infer<typeof BookingService>;
export const ServicesResponse = z.object({ services: z.array(BookingService) });
export type ServicesResponse = z.infer<typeof ServicesResponse>;

/** GET /v1/sites/{site}/booking/slots?service&from&to&tz */
export const SlotsQuery = z.object({
  service: Id,
  from: LocalDate,
  to: LocalDate,
  /** The visitor's time zone; `from`/`to` are days in it. */
  tz: z.optional(TimeZone),
});
export type SlotsQuery = z.infer<typeof SlotsQuery>;
export const Slot = z.object({ start: Instant, end: Instant, remaining: z.number().check(z.int(), z.nonnegative()) });
export type Slot = z.infer<typeof Slot>;
export const SlotsResponse = z.object({ service: Id, timezone: TimeZone, slots: z.array(Slot) });
export type SlotsResponse = z.infer<typeof SlotsResponse>;

/** POST /v1/bookings (send an Idempotency-Key header). */
export const BookingRequest = z.object({
  site: Id,
  service: Id,
  start: Instant,
  /** The visitor's time zone, for the mails. */
  timezone: TimeZone,
  locale: Locale,
  /** Version hash of the privacy notice shown next to the form. */
  noticeVersion: TextHash,
  fields: z.object({
    firstName: z.optional(text(100)),
    lastName: z.optional(text(100)),
    email: z.optional(z.union([Email, z.literal('')])),
    company: z.optional(text(200)),
    jobTitle: z.optional(text(200)),
    subject: z.optional(text(200)),
    message: z.optional(text(5000)),
  }),
});
export type BookingRequest = z.infer<typeof BookingRequest>;
export const BookingResponse = z.object({
  id: Uuid,
  service: Id,
  start: Instant,
  end: Instant,
  status: z.enum(['confirmed', 'cancelled']),
  /** Single-use secret to cancel; shown once. */
  cancelToken: Token,
});
export type BookingResponse = z.infer<typeof BookingResponse>;
/** POST /v1/bookings/{id}/cancel */
export const CancelRequest = z.object({ token: Token });
export type CancelRequest = z.infer<typeof CancelRequest>;
export const CancelResponse = z.object({ id: Uuid, status: z.literal('cancelled') });
export type CancelResponse = z.infer<typeof CancelResponse>;

// --------------------------------------------------------------------------- privacy notice
/** GET /v1/sites/{site}/privacy-notice?purpose=&locale= — GDPR Art. 13 data, localised. */
export const NoticePurpose = z.enum(['booking', 'newsletter']);
export type NoticePurpose = z.infer<typeof NoticePurpose>;
const Contact = z.object({
  name: z.string(),
  address: z.optional(z.string()),
  email: z.optional(z.string()),
  phone: z.optional(z.string()),
  url: z.optional(z.string()),
});
export const PrivacyNotice = z.object({
  /** Hash of this notice's content; stored with each booking/subscription as proof. */
  version: TextHash,
  purpose: NoticePurpose,
  locale: Locale,
  /** 13(1)(a) */
  controller: Contact,
  representative: z.optional(Contact),
  /** 13(1)(b) */
  dpo: z.optional(Contact),
  /** 13(1)(c)(d) */
  purposes: z.array(z.object({ description: z.string(), legalBasis: z.string(), legitimateInterest: z.optional(z.string()) })),
  /** 13(1)(e) */
  recipients: z.array(z.string()),
  /** 13(1)(f) */
  transfers: z.string(),
  /** 13(2)(a) */
  retention: z.string(),
  /** 13(2)(b): access, rectification, erasure, restriction, objection, portability */
  rights: z.array(z.string()),
  /** 13(2)(c) */
  withdrawal: z.string(),
  /** 13(2)(d) */
  complaint: z.object({ authority: z.string(), url: z.optional(z.string()) }),
  /** 13(2)(e) */
  requirement: z.string(),
  /** 13(2)(f) */
  automatedDecisions: z.string(),
  policyUrl: z.string(),
});
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

// ------------------------------------------------------------------------------ newsletter
/** POST /v1/newsletter/subscriptions — always 202 with the same body. */
export const SubscribeRequest = z.object({
  site: Id,
  list: Id,
  email: Email,
  /** The unticked box the visitor ticked. */
  consent: z.literal(true),
  consentTextHash: TextHash,
  noticeVersion: z.optional(TextHash),
  formId: z._default(text(64), 'default'),
  formVersion: z._default(text(32), '1'),
  locale: Locale,
  pagePath: PagePath,
  /** Honeypot: people never fill it; anything here means a bot. */
  website: z.optional(text(500)),
});
export type SubscribeRequest = z.input<typeof SubscribeRequest>;
export const SubscribeResponse = z.object({ status: z.literal('pending') });
export type SubscribeResponse = z.infer<typeof SubscribeResponse>;
/** POST /v1/newsletter/confirm */
export const ConfirmRequest = z.object({ token: Token });
export type ConfirmRequest = z.infer<typeof ConfirmRequest>;
export const ConfirmResponse = z.object({ status: z.literal('confirmed'), lists: z.array(Id) });
export type ConfirmResponse = z.infer<typeof ConfirmResponse>;
/** POST /v1/newsletter/unsubscribe (also the RFC 8058 one-click target, token in the query). */
export const UnsubscribeRequest = z.object({ token: Token });
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequest>;
export const UnsubscribeResponse = z.object({ status: z.literal('unsubscribed') });
export type UnsubscribeResponse = z.infer<typeof UnsubscribeResponse>;

// ----------------------------------------------------------------------------------- admin
/** POST /v1/admin/subjects/export and /erase (Authorization: Bearer <admin key>). */
export const SubjectRequest = z.object({ email: Email, site: z.optional(Id) });
export type SubjectRequest = z.infer<typeof SubjectRequest>;
export const SubjectExport = z.object({
  email: z.string(),
  bookings: z.array(z.record(z.string(), z.unknown())),
  subscriptions: z.array(z.record(z.string(), z.unknown())),
  mails: z.array(z.record(z.string(), z.unknown())),
});
export type SubjectExport = z.infer<typeof SubjectExport>;
export const SubjectErasure = z.object({
  email: z.string(),
  removed: z.object({ bookings: z.number(), subscriptions: z.number(), mails: z.number() }),
});
export type SubjectErasure = z.infer<typeof SubjectErasure>;
/** GET /v1/admin/consents?site&from&to&format=json|csv (streamed). */
export const ConsentLogQuery = z.object({
  site: z.optional(Id),
  consentId: z.optional(Uuid),
  from: z.optional(Instant),
  to: z.optional(Instant),
  format: z._default(z.enum(['json', 'csv']), 'json'),
});
export type ConsentLogQuery = z.infer<typeof ConsentLogQuery>;
export const StoredConsent = z.extend(ConsentRecord, { receivedAt: Instant });
export type StoredConsent = z.infer<typeof StoredConsent>;

export { paths } from './paths.js';
