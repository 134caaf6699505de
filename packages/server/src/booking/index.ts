/** Booking: routes, config schema, migration, slot generation, retention and subject hooks. */
export { bookingRoutes, publicService, type BookingDeps, type BookingSite } from './routes.js';
export { BookingConfig, BookingServiceConfig, LocalizedText } from './config.js';
export { migration0002Booking, type BookingTables } from './schema.js';
export { generateSlots, isSlot } from './slots.js';
export { purgeBookings, exportBookingSubject, eraseBookingSubject } from './maintenance.js';
export type { BookingMail } from './mails.js';
