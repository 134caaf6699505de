/**
 * `@consentkit/core/send`: the outbox and the transport, without zod. The loader imports it
 * when a decision was made or records are waiting.
 */
export { createOutbox, type Outbox, type OutboxOptions } from './outbox.js';
export { createTransport, newIdempotencyKey, type Transport, type TransportOptions } from './transport.js';
export { paths } from './paths.js';
export * from './errors.js';
export type { ConsentRecord } from './wire.js';
