/** URL paths of the HTTP API (no zod here: the loader path imports this). */
/** Path builders, so no widget spells a URL by hand. */
export const paths = {
  consents: () => '/v1/consents',
  services: (site: string) => `/v1/sites/${encodeURIComponent(site)}/booking/services`,
  slots: (site: string) => `/v1/sites/${encodeURIComponent(site)}/booking/slots`,
  bookings: () => '/v1/bookings',
  cancelBooking: (id: string) => `/v1/bookings/${encodeURIComponent(id)}/cancel`,
  privacyNotice: (site: string) => `/v1/sites/${encodeURIComponent(site)}/privacy-notice`,
  subscribe: () => '/v1/newsletter/subscriptions',
  confirm: () => '/v1/newsletter/confirm',
  unsubscribe: () => '/v1/newsletter/unsubscribe',
} as const;
