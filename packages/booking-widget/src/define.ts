/** Registers `<ck-booking-widget>` and the `<ck-privacy-notice>` it uses (the only side effects of this package). */
import '@consentkit/privacy-notice/define';
import { CkBookingWidget } from './booking-widget/booking-widget.js';

if (!customElements.get('ck-booking-widget')) customElements.define('ck-booking-widget', CkBookingWidget);

declare global {
  interface HTMLElementTagNameMap {
    'ck-booking-widget': CkBookingWidget;
  }
}
