/**
 * The database type: one interface merged from each feature's table interfaces.
 *
 * A feature adds its tables by declaring `interface XTables { table_name: Row }` in its own
 * folder and adding it to the `extends` list below (one line), plus its migration in
 * `migrations/index.ts`. Timestamps are `timestamptz` (read back as `Date`).
 */
import type { BookingTables } from '../booking/schema.js';
import type { ColumnType, Generated } from 'kysely';
import type { NewsletterTables } from '../newsletter/schema.js';

type Stamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** Append-only consent log (proof of consent, GDPR 7(1)). Holds no email. */
export interface ConsentTable {
  /** Record id from the client: the same decision posted twice is stored once. */
  id: string;
  seq: Generated<string>;
  consent_id: string;
  site: string;
  revision: number;
  granted: Json<string[]>;
  denied: Json<string[]>;
  services: Json<string[] | null>;
  action: string;
  source: string;
  gpc: boolean;
  locale: string;
  text_hash: string;
  page_path: string;
  client_time: string;
  received_at: Stamp;
  /** SHA-256 of the canonical record: a different body under the same id is a conflict. */
  body_hash: string;
}

/** Every mail the server sent or would have sent (the outbox and the dev mailbox). */
export interface MailTable {
  id: string;
  seq: Generated<string>;
  site: string;
  kind: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Json<Record<string, string>>;
  attachments: Json<{ filename: string; contentType: string; content: string }[]>;
  created_at: Stamp;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  error: string | null;
}

export interface RateLimitTable {
  key: string;
  points: number;
  expires_at: Stamp;
}

export interface IdempotencyTable {
  scope: string;
  key: string;
  request_hash: string;
  /** 0 while the first request is still being handled. */
  status: number;
  body: string | null;
  content_type: string | null;
  created_at: Stamp;
}

export interface CoreTables {
  consents: ConsentTable;
  mails: MailTable;
  rate_limits: RateLimitTable;
  idempotency_keys: IdempotencyTable;
}

// Features: add your `XTables` to this list (one line each).
export interface Database
  extends CoreTables,
    NewsletterTables,
    BookingTables {}
