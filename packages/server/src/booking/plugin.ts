/** Plugs the booking feature into the server: routes, retention purge, data-subject source. */
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { Deps } from '../deps.js';
import type { PurgeJob } from '../retention.js';
import type { SubjectSource } from '../subjects.js';
import { eraseBookingSubject, exportBookingSubject, purgeBookings } from './maintenance.js';
import { bookingRoutes } from './routes.js';
import type { BookingTables } from './schema.js';

const bookingDb = (deps: Deps) => deps.db as unknown as Kysely<BookingTables>;

export function bookingRoutesFor(deps: Deps): Hono {
  return bookingRoutes({
    db: bookingDb(deps),
    site: (id) => {
      const s = deps.site(id);
      return s && { name: s.name, origins: s.origins, booking: s.booking, notice: s.notice };
    },
    mailer: deps.mailer,
    limiter: deps.limiter,
    clientIp: (c) => deps.clientIp(c),
    publicUrl: deps.config.publicUrl,
    now: deps.now,
    onError: (err) => deps.log.error('booking mail failed', { err: String((err as Error)?.message ?? err) }),
  });
}

/** Bookings whose appointment ended more than the site's `retention.bookingsDays` ago. */
export const purgeBookingsJob: PurgeJob = async (deps) => ({
  bookings: await purgeBookings(
    bookingDb(deps),
    deps.config.sites.filter((s) => s.booking).map((s) => ({ id: s.id, retentionDays: s.retention.bookingsDays })),
    deps.now(),
  ),
});

export const bookingsSubject: SubjectSource = {
  name: 'bookings',
  export: (deps, email, site) => exportBookingSubject(bookingDb(deps), email, site),
  erase: (deps, email, site) => eraseBookingSubject(bookingDb(deps), email, site),
};
