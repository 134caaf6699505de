export { CkPrivacyNotice, PrivacyNoticeLoadEvent, PrivacyNoticeErrorEvent } from './privacy-notice/privacy-notice.js';
export type { PrivacyNotice, NoticePurpose } from '@consentkit/core/wire';
