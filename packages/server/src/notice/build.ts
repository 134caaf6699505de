/**
 * Builds the localised Art. 13 notice of a site for one purpose, and its version: the SHA-256
 * of its canonical JSON (keys sorted), so the same text always has the same version and any
 * change to what the visitor reads gives a new one.
 */
import { createHash } from 'node:crypto';
import { localize } from '@consentkit/core';
import type { NoticePurpose, PrivacyNotice } from '@consentkit/core/wire';
import type { NoticeConfig, NoticeContact } from './config.js';

/** JSON with object keys sorted at every level (undefined members dropped). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The language a notice is served in: the requested one if the texts have it, else `fallback`. */
export function noticeLocale(requested: string | undefined, fallback = 'en'): string {
  return requested && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(requested) ? requested.split('-')[0]! : fallback;
}

export function buildNotice(config: NoticeConfig, purpose: NoticePurpose, locale: string, fallback = 'en'): PrivacyNotice | undefined {
  const p = config.purposes[purpose];
  if (!p) return undefined;
  const l = (t: Parameters<typeof localize>[0]) => localize(t, locale, fallback);
  const contact = (c: NoticeContact | undefined) =>
    c && {
      name: l(c.name),
      ...(c.address !== undefined ? { address: l(c.address) } : {}),
      ...(c.email !== undefined ? { email: c.email } : {}),
      ...(c.phone !== undefined ? { phone: c.phone } : {}),
      ...(c.url !== undefined ? { url: c.url } : {}),
    };
  const body: Omit<PrivacyNotice, 'version'> = {
    purpose,
    locale,
    controller: contact(config.controller)!,
    ...(config.representative ? { representative: contact(config.representative)! } : {}),
    ...(config.dpo ? { dpo: contact(config.dpo)! } : {}),
    purposes: p.purposes.map((x) => ({
      description: l(x.description),
      legalBasis: l(x.legalBasis),
      ...(x.legitimateInterest !== undefined ? { legitimateInterest: l(x.legitimateInterest) } : {}),
    })),
    recipients: p.recipients.map(l),
    transfers: l(p.transfers ?? config.transfers),
    retention: l(p.retention),
    rights: config.rights.map(l),
    withdrawal: l(p.withdrawal ?? config.withdrawal),
    complaint: { authority: l(config.complaint.authority), ...(config.complaint.url ? { url: config.complaint.url } : {}) },
    requirement: l(p.requirement),
    automatedDecisions: l(p.automatedDecisions ?? config.automatedDecisions),
    policyUrl: config.policyUrl,
  };
  const version = createHash('sha256').update(canonicalJson(body)).digest('hex');
  return { version, ...body };
}
