/**
 * Example/standalone entry (not part of the npm API): reads the site config from
 * `<script type="application/json" data-consentkit>`, creates the page's client, provides it to
 * every element in `<body>`, then registers `<ck-booking-widget>`. Bundled with its dependencies
 * into `dist/standalone/standalone.js` for the example pages; sites normally use the
 * one-script-tag embed or import `@consentkit/booking-widget/define` from their bundler.
 */
import { createClient } from '@consentkit/core';
import { provideClient } from '@consentkit/core/lit';

const block = document.querySelector('script[type="application/json"][data-consentkit]');
const client = createClient(JSON.parse(block?.textContent || '{}'));
provideClient(document.body, client);
// Register after the provider exists, so the elements find the client through context.
await import('./define.js');
