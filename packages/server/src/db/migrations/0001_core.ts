import { sql, type Kysely, type Migration } from 'kysely';

/** Core tables: consent log, mail outbox, rate-limit counters, idempotency keys. */
export const migration0001Core: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('consents')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
      .addColumn('consent_id', 'uuid', (c) => c.notNull())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('granted', 'jsonb', (c) => c.notNull())
      .addColumn('denied', 'jsonb', (c) => c.notNull())
      .addColumn('services', 'jsonb')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('gpc', 'boolean', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('text_hash', 'text', (c) => c.notNull())
      .addColumn('page_path', 'text', (c) => c.notNull())
      .addColumn('client_time', 'text', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('consents_site_received').on('consents').columns(['site', 'received_at']).execute();
    await db.schema.createIndex('consents_consent_id').on('consents').column('consent_id').execute();

    await db.schema
      .createTable('mails')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('to', 'text', (c) => c.notNull())
      .addColumn('from', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('html', 'text')
      .addColumn('headers', 'jsonb', (c) => c.notNull())
      .addColumn('attachments', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('sent_at', 'timestamptz')
      .addColumn('error', 'text')
      .execute();
    await db.schema.createIndex('mails_to').on('mails').column('to').execute();

    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('points', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('body', 'text')
      .addColumn('content_type', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['idempotency_keys', 'rate_limits', 'mails', 'consents']) await db.schema.dropTable(t).execute();
  },
};
