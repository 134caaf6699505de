/**
 * Tables of the booking feature (migration `0002_booking`).
 *  - bookings: one row per booking, with the notice version the visitor saw, the form fields
 *    (jsonb) and the normalised email (for the data-subject export/erase);
 *  - booking_slots: seats taken per (site, service, start): the capacity is enforced on this row
 *    with one conditional UPDATE inside the booking's transaction;
 *  - booking_tokens: SHA-256 of each cancel token (never the token itself).
 */
import { sql, type ColumnType, type Kysely, type Migration } from 'kysely';

type Stamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface BookingTable {
  id: string;
  site: string;
  service: string;
  start: Stamp;
  end: Stamp;
  status: 'confirmed' | 'cancelled';
  timezone: string;
  locale: string;
  notice_version: string;
  email: string | null;
  fields: Json<Record<string, string>>;
  idempotency_key: string | null;
  request_hash: string;
  created_at: Stamp;
  cancelled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface BookingSlotTable {
  site: string;
  service: string;
  start: Stamp;
  taken: number;
}

export interface BookingTokenTable {
  hash: string;
  booking_id: string;
  created_at: Stamp;
}

export interface BookingTables {
  bookings: BookingTable;
  booking_slots: BookingSlotTable;
  booking_tokens: BookingTokenTable;
}

export const migration0002Booking: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('bookings')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('start', 'timestamptz', (c) => c.notNull())
      .addColumn('end', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('timezone', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('notice_version', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('fields', 'jsonb', (c) => c.notNull())
      .addColumn('idempotency_key', 'text')
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('cancelled_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('bookings_idempotency').on('bookings').columns(['site', 'idempotency_key']).unique().execute();
    await db.schema.createIndex('bookings_email').on('bookings').column('email').execute();
    await db.schema.createIndex('bookings_site_end').on('bookings').columns(['site', 'end']).execute();
    await db.schema
      .createTable('booking_slots')
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('start', 'timestamptz', (c) => c.notNull())
      .addColumn('taken', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('booking_slots_pk', ['site', 'service', 'start'])
      .execute();
    await db.schema
      .createTable('booking_tokens')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('booking_id', 'uuid', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('booking_tokens_booking').on('booking_tokens').column('booking_id').execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['booking_tokens', 'booking_slots', 'bookings']) await db.schema.dropTable(t).execute();
  },
};
