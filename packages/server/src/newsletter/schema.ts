/**
 * Tables of the double opt-in (migration `0003_newsletter`).
 *  - newsletter_requests: one row per accepted public submission = the proof of consent
 *    (request time, list, form id/version, consent-text hash, notice version, locale, page path,
 *    IP when configured) and, once confirmed, the confirmation time. Never updated by a later
 *    submission; only its own confirmation fills `confirmed_at`.
 *  - newsletter_subscriptions: the current state per site+list+address (confirmed/unsubscribed)
 *    pointing at the request that proves it.
 *  - newsletter_tokens: SHA-256 of every mail token, its single purpose and expiry.
 */
import { type ColumnType, type Kysely, type Migration } from 'kysely';

type Stamp = ColumnType<Date, Date | string, Date | string>;

export interface NewsletterRequestTable {
  id: string;
  site: string;
  list: string;
  email: string;
  status: 'pending' | 'confirmed' | 'cancelled';
  requested_at: Stamp;
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  form_id: string;
  form_version: string;
  consent_text_hash: string;
  notice_version: string | null;
  locale: string;
  page_path: string;
  ip: string | null;
}

export interface NewsletterSubscriptionTable {
  site: string;
  list: string;
  email: string;
  status: 'confirmed' | 'unsubscribed';
  request_id: string;
  confirmed_at: Stamp;
  unsubscribed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface NewsletterTokenTable {
  hash: string;
  purpose: 'confirm' | 'unsubscribe';
  site: string;
  list: string;
  email: string;
  request_id: string | null;
  created_at: Stamp;
  expires_at: Stamp;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Merge into the server's `Database` type. */
export interface NewsletterTables {
  newsletter_requests: NewsletterRequestTable;
  newsletter_subscriptions: NewsletterSubscriptionTable;
  newsletter_tokens: NewsletterTokenTable;
}

export const migration0003Newsletter: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('newsletter_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('list', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
      .addColumn('confirmed_at', 'timestamptz')
      .addColumn('form_id', 'text', (c) => c.notNull())
      .addColumn('form_version', 'text', (c) => c.notNull())
      .addColumn('consent_text_hash', 'text', (c) => c.notNull())
      .addColumn('notice_version', 'text')
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('page_path', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('newsletter_requests_subject').on('newsletter_requests').columns(['site', 'email']).execute();
    await db.schema.createIndex('newsletter_requests_pending').on('newsletter_requests').columns(['status', 'requested_at']).execute();
    await db.schema
      .createTable('newsletter_subscriptions')
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('list', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('confirmed_at', 'timestamptz', (c) => c.notNull())
      .addColumn('unsubscribed_at', 'timestamptz')
      .addPrimaryKeyConstraint('newsletter_subscriptions_pk', ['site', 'list', 'email'])
      .execute();
    await db.schema
      .createTable('newsletter_tokens')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('list', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('used_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('newsletter_tokens_expiry').on('newsletter_tokens').column('expires_at').execute();
    await db.schema.createIndex('newsletter_tokens_subject').on('newsletter_tokens').columns(['site', 'email']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('newsletter_tokens').ifExists().execute();
    await db.schema.dropTable('newsletter_subscriptions').ifExists().execute();
    await db.schema.dropTable('newsletter_requests').ifExists().execute();
  },
};
