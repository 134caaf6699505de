/**
 * Data-subject access and erasure (GDPR 15, 17, 20) by email address. Each feature that stores
 * an email registers ONE source in `subjectSources` (one line): its `name` is the key in the
 * export (`bookings`, `subscriptions`, `mails`, …). Consent records hold no email, so they are
 * neither exported nor erased by address.
 */
import { bookingsSubject } from './booking/plugin.js';
import type { Deps } from './deps.js';
import { newsletterSubjects } from './newsletter/feature.js';

export interface SubjectSource {
  name: string;
  export(deps: Deps, email: string, site?: string): Promise<Record<string, unknown>[]>;
  /** Returns how many records were removed. */
  erase(deps: Deps, email: string, site?: string): Promise<number>;
}

/** Addresses compare case-insensitively (the domain is; providers treat the local part so too). */
export const normalEmail = (email: string) => email.trim().toLowerCase();

export const mailsSource: SubjectSource = {
  name: 'mails',
  async export({ db }, email, site) {
    let q = db.selectFrom('mails').select(['id', 'site', 'kind', 'to', 'from', 'subject', 'text', 'created_at', 'sent_at']).where((eb) => eb(eb.fn('lower', ['to']), '=', normalEmail(email)));
    if (site) q = q.where('site', '=', site);
    const rows = await q.orderBy('seq').execute();
    return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString(), sent_at: r.sent_at ? new Date(r.sent_at).toISOString() : null }));
  },
  async erase({ db }, email, site) {
    let q = db.deleteFrom('mails').where((eb) => eb(eb.fn('lower', ['to']), '=', normalEmail(email)));
    if (site) q = q.where('site', '=', site);
    const r = await q.executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};

// Features: add your source here (one line each).
export const subjectSources: SubjectSource[] = [
  mailsSource,
  newsletterSubjects,
  bookingsSubject,
];
