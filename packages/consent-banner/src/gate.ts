/**
 * `@consentkit/consent-banner/gate`: the headless gate (no Lit), Google Consent Mode helpers,
 * cookie deletion and the development leak detector.
 */
export { createGate, GATED, ACTIVATED, type Gate, type GateOptions } from './gate/gate.js';
export { createActivator, type Activator, type ActivatorOptions } from './gate/activator.js';
export { consentDefault, consentUpdate, signals, SIGNALS } from './gate/consent-mode.js';
export { deleteCookies, matchingCookies } from './gate/cookies.js';
export { watchLeaks, type LeakOptions } from './gate/leak.js';
export { connectGate } from './gate/connect.js';
