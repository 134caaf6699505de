export { CkBookingWidget, BookingConfirmedEvent, FIELDS, type ConfirmedBooking } from './booking-widget/booking-widget.js';
export { icsFor, type IcsEvent } from './booking-widget/ics.js';
export type { BookingService, Slot, BookingResponse, BookingField } from '@consentkit/core/wire';
