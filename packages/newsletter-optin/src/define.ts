/** Registers the newsletter elements (the only module of this package with a side effect). */
import '@consentkit/privacy-notice/define';
import { CkNewsletterOptin } from './newsletter-optin/newsletter-optin.js';
import { CkNewsletterConfirm } from './newsletter-confirm/newsletter-confirm.js';
import { CkNewsletterUnsubscribe } from './newsletter-unsubscribe/newsletter-unsubscribe.js';

if (!customElements.get('ck-newsletter-optin')) customElements.define('ck-newsletter-optin', CkNewsletterOptin);
if (!customElements.get('ck-newsletter-confirm')) customElements.define('ck-newsletter-confirm', CkNewsletterConfirm);
if (!customElements.get('ck-newsletter-unsubscribe')) customElements.define('ck-newsletter-unsubscribe', CkNewsletterUnsubscribe);

declare global {
  interface HTMLElementTagNameMap {
    'ck-newsletter-optin': CkNewsletterOptin;
    'ck-newsletter-confirm': CkNewsletterConfirm;
    'ck-newsletter-unsubscribe': CkNewsletterUnsubscribe;
  }
}
