/**
 * The `notice` section of a site in the server config: the GDPR Art. 13 information shown next
 * to the booking and newsletter forms. Texts are a string or one per language.
 */
import * as z from 'zod/mini';
import { NoticePurpose } from '@consentkit/core/wire';
import { LocalizedText } from '../booking/config.js';

export const NoticeContact = z.strictObject({
  name: LocalizedText,
  address: z.optional(LocalizedText),
  email: z.optional(z.string()),
  phone: z.optional(z.string()),
  url: z.optional(z.string()),
});
export type NoticeContact = z.infer<typeof NoticeContact>;

/** What differs per purpose (booking, newsletter). Fields left out fall back to the site-wide ones. */
export const NoticePurposeConfig = z.strictObject({
  purposes: z.array(
    z.strictObject({ description: LocalizedText, legalBasis: LocalizedText, legitimateInterest: z.optional(LocalizedText) }),
  ).check(z.minLength(1)),
  recipients: z._default(z.array(LocalizedText), []),
  retention: LocalizedText,
  requirement: LocalizedText,
  transfers: z.optional(LocalizedText),
  withdrawal: z.optional(LocalizedText),
  automatedDecisions: z.optional(LocalizedText),
});
export type NoticePurposeConfig = z.infer<typeof NoticePurposeConfig>;

export const NoticeConfig = z.strictObject({
  /** 13(1)(a) */
  controller: NoticeContact,
  representative: z.optional(NoticeContact),
  /** 13(1)(b) */
  dpo: z.optional(NoticeContact),
  /** 13(1)(f) (site-wide default) */
  transfers: LocalizedText,
  /** 13(2)(b): access, rectification, erasure, restriction, objection, portability */
  rights: z.array(LocalizedText).check(z.minLength(1)),
  /** 13(2)(c) (site-wide default) */
  withdrawal: LocalizedText,
  /** 13(2)(d) */
  complaint: z.strictObject({ authority: LocalizedText, url: z.optional(z.string()) }),
  /** 13(2)(f) (site-wide default) */
  automatedDecisions: LocalizedText,
  policyUrl: z.string(),
  /** Per purpose: `booking`, `newsletter`. */
  purposes: z.partialRecord(NoticePurpose, NoticePurposeConfig),
});
export type NoticeConfig = z.infer<typeof NoticeConfig>;
