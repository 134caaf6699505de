/** Retention purge and data-subject export/erase for bookings (admin API hooks). */
import { sql, type Kysely } from 'kysely';
import type { BookingTables } from './schema.js';

/** Deletes bookings whose appointment ended more than `retentionDays` ago, and spent seat counters. */
export async function purgeBookings(db: Kysely<BookingTables>, sites: { id: string; retentionDays: number }[], now: Date): Promise<number> {
  let removed = 0;
  for (const s of sites) {
    const cutoff = new Date(now.getTime() - s.retentionDays * 86_400_000);
    const r = await db.deleteFrom('bookings').where('site', '=', s.id).where('end', '<', cutoff).executeTakeFirst();
    removed += Number(r.numDeletedRows);
  }
  await db.deleteFrom('booking_slots').where('start', '<', now).execute();
  return removed;
}

/** Every booking of an address (any site, or one site). */
export async function exportBookingSubject(db: Kysely<BookingTables>, email: string, site?: string): Promise<Record<string, unknown>[]> {
  let q = db.selectFrom('bookings').selectAll().where('email', '=', email.trim().toLowerCase());
  if (site) q = q.where('site', '=', site);
  const rows = await q.orderBy('created_at').execute();
  return rows.map(({ request_hash: _h, idempotency_key: _k, ...r }) => ({
    ...r,
    fields: typeof r.fields === 'string' ? JSON.parse(r.fields) : r.fields,
  }));
}

/** Erases an address's bookings (future ones free their seat). Returns how many were removed. */
export async function eraseBookingSubject(db: Kysely<BookingTables>, email: string, site?: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let q = trx.deleteFrom('bookings').where('email', '=', email.trim().toLowerCase());
    if (site) q = q.where('site', '=', site);
    const gone = await q.returning(['site', 'service', 'start', 'status']).execute();
    for (const b of gone.filter((g) => g.status === 'confirmed'))
      await trx
        .updateTable('booking_slots')
        .set({ taken: sql`greatest(taken - 1, 0)` })
        .where('site', '=', b.site)
        .where('service', '=', b.service)
        .where('start', '=', new Date(b.start))
        .execute();
    return gone.length;
  });
}
