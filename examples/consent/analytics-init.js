// The analytics bootstrap a site would inline (here a file, so the strict-CSP page needs no
// 'unsafe-inline'); it is gated like the tag itself.
window.dataLayer = window.dataLayer || [];
window.gtag = window.gtag || function () { window.dataLayer.push(arguments); };
window.gtag('js', new Date());
window.gtag('config', 'G-DEMO');
