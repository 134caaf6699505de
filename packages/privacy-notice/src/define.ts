/** Registers `<ck-privacy-notice>` (the only module of this package with a side effect). */
import { CkPrivacyNotice } from './privacy-notice/privacy-notice.js';

if (!customElements.get('ck-privacy-notice')) customElements.define('ck-privacy-notice', CkPrivacyNotice);

declare global {
  interface HTMLElementTagNameMap {
    'ck-privacy-notice': CkPrivacyNotice;
  }
}
