/**
 * The OpenAPI 3.1 document of the `/v1` API, derived from core's wire schemas (the single
 * source of truth) with zod's JSON Schema conversion: GET /v1/openapi.json.
 */
import * as z from 'zod/mini';
import * as wire from '@consentkit/core/wire';

type Schema = z.core.$ZodType;

const schemas: Record<string, [Schema, 'input' | 'output']> = {
  ErrorBody: [wire.ErrorBody, 'output'],
  ConsentRecord: [wire.ConsentRecord, 'input'],
  ConsentReceipt: [wire.ConsentReceipt, 'output'],
  ServicesResponse: [wire.ServicesResponse, 'output'],
  SlotsResponse: [wire.SlotsResponse, 'output'],
  BookingRequest: [wire.BookingRequest, 'input'],
  BookingResponse: [wire.BookingResponse, 'output'],
  CancelRequest: [wire.CancelRequest, 'input'],
  CancelResponse: [wire.CancelResponse, 'output'],
  PrivacyNotice: [wire.PrivacyNotice, 'output'],
  SubscribeRequest: [wire.SubscribeRequest, 'input'],
  SubscribeResponse: [wire.SubscribeResponse, 'output'],
  ConfirmRequest: [wire.ConfirmRequest, 'input'],
  ConfirmResponse: [wire.ConfirmResponse, 'output'],
  UnsubscribeRequest: [wire.UnsubscribeRequest, 'input'],
  UnsubscribeResponse: [wire.UnsubscribeResponse, 'output'],
  SubjectRequest: [wire.SubjectRequest, 'input'],
  SubjectExport: [wire.SubjectExport, 'output'],
  SubjectErasure: [wire.SubjectErasure, 'output'],
  StoredConsent: [wire.StoredConsent, 'output'],
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: 'error', ...json('ErrorBody') }]));
const body = (name: string) => ({ required: true, ...json(name) });
const q = (name: string, required = false, schema: object = { type: 'string' }) => ({ name, in: 'query', required, schema });
const p = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const idem = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } };
const admin = [{ bearer: [] as string[] }];

function toSchema(s: Schema, io: 'input' | 'output'): object {
  try {
    const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  } catch {
    return {};
  }
}

let cached: object | undefined;

export function openApiDocument(): object {
  return (cached ??= {
    openapi: '3.1.0',
    info: { title: 'consentkit reference API', version: '1', description: 'Consent log, booking, privacy notice, double opt-in and admin endpoints. Every error answers ErrorBody.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The admin API key' } },
      schemas: Object.fromEntries(Object.entries(schemas).map(([k, [s, io]]) => [k, toSchema(s, io)])),
    },
    paths: {
      '/v1/consents': { post: { summary: 'Append a consent record (idempotent on its id)', requestBody: body('ConsentRecord'), responses: { '201': { description: 'stored', ...json('ConsentReceipt') }, '200': { description: 'already stored (replay)', ...json('ConsentReceipt') }, ...errors(400, 403, 404, 409, 413, 415, 429) } } },
      '/v1/sites/{site}/booking/services': { get: { summary: 'Services a site offers', parameters: [p('site')], responses: { '200': { description: 'ok', ...json('ServicesResponse') }, ...errors(404) } } },
      '/v1/sites/{site}/booking/slots': { get: { summary: 'Free slots', parameters: [p('site'), q('service', true), q('from', true), q('to', true), q('tz')], responses: { '200': { description: 'ok', ...json('SlotsResponse') }, ...errors(400, 404) } } },
      '/v1/bookings': { post: { summary: 'Book a slot', parameters: [idem], requestBody: body('BookingRequest'), responses: { '201': { description: 'booked', ...json('BookingResponse') }, ...errors(400, 403, 404, 409, 413, 415, 429) } } },
      '/v1/bookings/{id}/cancel': { post: { summary: 'Cancel with the cancel token', parameters: [p('id')], requestBody: body('CancelRequest'), responses: { '200': { description: 'cancelled', ...json('CancelResponse') }, ...errors(400, 404, 410) } } },
      '/v1/sites/{site}/privacy-notice': { get: { summary: 'The Art. 13 notice for a purpose', parameters: [p('site'), q('purpose', true), q('locale')], responses: { '200': { description: 'ok', ...json('PrivacyNotice') }, ...errors(400, 404) } } },
      '/v1/newsletter/subscriptions': { post: { summary: 'Start a double opt-in (always 202)', requestBody: body('SubscribeRequest'), responses: { '202': { description: 'pending', ...json('SubscribeResponse') }, ...errors(400, 403, 404, 413, 415, 429) } } },
      '/v1/newsletter/confirm': { post: { summary: 'Confirm with the mailed token', requestBody: body('ConfirmRequest'), responses: { '200': { description: 'confirmed', ...json('ConfirmResponse') }, ...errors(400, 404, 410) } } },
      '/v1/newsletter/unsubscribe': { post: { summary: 'One-click unsubscribe (RFC 8058 target)', requestBody: body('UnsubscribeRequest'), responses: { '200': { description: 'unsubscribed', ...json('UnsubscribeResponse') }, ...errors(400, 404) } } },
      '/v1/admin/consents': { get: { summary: 'The consent log, streamed', security: admin, parameters: [q('site'), q('consentId'), q('from'), q('to'), q('format', false, { type: 'string', enum: ['json', 'csv'] })], responses: { '200': { description: 'the log', content: { 'application/json': { schema: { type: 'array', items: ref('StoredConsent') } }, 'text/csv': { schema: { type: 'string' } } } }, ...errors(400, 401) } } },
      '/v1/admin/subjects/export': { post: { summary: 'Everything held about an email address', security: admin, requestBody: body('SubjectRequest'), responses: { '200': { description: 'ok', ...json('SubjectExport') }, ...errors(400, 401) } } },
      '/v1/admin/subjects/erase': { post: { summary: 'Erase everything held about an email address', security: admin, requestBody: body('SubjectRequest'), responses: { '200': { description: 'what was removed', ...json('SubjectErasure') }, ...errors(400, 401) } } },
    },
  });
}
