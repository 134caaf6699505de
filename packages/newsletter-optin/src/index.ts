export { CkNewsletterOptin } from './newsletter-optin/newsletter-optin.js';
export { CkNewsletterConfirm } from './newsletter-confirm/newsletter-confirm.js';
export { CkNewsletterUnsubscribe } from './newsletter-unsubscribe/newsletter-unsubscribe.js';
export { NewsletterPendingEvent, NewsletterConfirmedEvent, NewsletterUnsubscribedEvent } from './shared/events.js';
export type { SubscribeRequest, ConfirmResponse, UnsubscribeResponse } from '@consentkit/core/wire';
