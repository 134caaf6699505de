/**
 * Shared request handling for every route module: the DESIGN.md error shape
 * `{ error, message, issues? }`, JSON body/query parsing through the core wire schemas, the per-site
 * CORS allowlist, the body-size limit and the client IP by the trusted-proxy rule.
 *
 * Route code throws `ApiError` (or calls `parseJson`, which throws it); the app's error handler
 * turns it into the response. Anything else thrown is a 500 `internal_error`, logged without the
 * request body.
 */
import type { Context, ErrorHandler, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { getConnInfo } from '@hono/node-server/conninfo';
import * as z from 'zod/mini';
import { issueMessage } from './zod.js';
import type { ErrorCode, FieldIssue } from '@consentkit/core/wire';
import type { ServerConfig, SiteServerConfig } from './config.js';
import type { Logger } from './log.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 429 | 500 | 503;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: ErrorCode | (string & {}),
    message: string,
    readonly issues?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A response in the documented error shape. */
export function errorResponse(
  c: Context,
  status: ErrorStatus,
  code: ErrorCode | (string & {}),
  message: string,
  issues?: FieldIssue[],
  headers?: Record<string, string>,
): Response {
  return c.json({ error: code, message, ...(issues?.length ? { issues } : {}) }, status, { 'cache-control': 'no-store', ...headers });
}

/** zod issues → wire `FieldIssue`s with readable messages. */
export function toIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((iss) => ({
    path: iss.path.map((p) => (typeof p === 'number' ? p : String(p))),
    code: iss.code,
    message: issueMessage(iss),
  }));
}

/** Validate a value with a schema; throws 400 `validation_failed` with field issues. */
export function validate<T extends z.core.$ZodType>(schema: T, value: unknown): z.core.output<T> {
  const r = z.safeParse(schema, value);
  if (!r.success) throw new ApiError(400, 'validation_failed', 'The request has invalid fields', toIssues(r.error.issues));
  return r.data;
}

/**
 * Read the JSON body and validate it: 415 `unsupported_media_type` (not JSON), 400 `invalid_json`,
 * 400 `validation_failed` with field issues; 413 is answered earlier by `bodyLimit`.
 */
export async function parseJson<T extends z.core.$ZodType>(c: Context, schema: T): Promise<z.core.output<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type))
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json');
  let text: string;
  try {
    text = await c.req.text();
  } catch (err) {
    if (err instanceof HTTPException && err.status === 413) throw err;
    throw new ApiError(400, 'invalid_json', 'The body could not be read');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON');
  }
  return validate(schema, data);
}

/** Validate the query string (`?a=1&b=2`, last value wins). */
export function parseQuery<T extends z.core.$ZodType>(c: Context, schema: T): z.core.output<T> {
  return validate(schema, c.req.query());
}

/** Union of every site's origins (what a preflight can be answered for before the body is known). */
function originSet(config: ServerConfig): Set<string> {
  return new Set(config.sites.flatMap((s) => s.origins));
}

/**
 * CORS for the public API: an Origin outside every site's allowlist gets 403
 * `origin_not_allowed` (preflight included) and no CORS headers; an allowed one is echoed.
 * `requireSite` then checks the origin against the chosen site's own list.
 */
export function cors(config: ServerConfig): MiddlewareHandler {
  const allowed = originSet(config);
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin) return next();
    if (!allowed.has(origin)) {
      if (c.req.method === 'OPTIONS') return c.body(null, 403, { vary: 'Origin' });
      return errorResponse(c, 403, 'origin_not_allowed', 'This origin may not call this API', undefined, { vary: 'Origin' });
    }
    const headers: Record<string, string> = { 'access-control-allow-origin': origin, vary: 'Origin' };
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      return c.body(null, 204, {
        ...headers,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'content-type, idempotency-key',
        'access-control-max-age': '600',
      });
    }
    await next();
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
    c.res.headers.set('access-control-expose-headers', 'retry-after');
  };
}

/** The site a request is for: 404 `unknown_site`, or 403 `origin_not_allowed` when the browser origin is not this site's. */
export function requireSite(c: Context, config: ServerConfig, siteId: string): SiteServerConfig {
  const site = config.sites.find((s) => s.id === siteId);
  if (!site) throw new ApiError(404, 'unknown_site', `No site ${JSON.stringify(siteId.slice(0, 64))} here`);
  const origin = c.req.header('origin');
  if (origin && !site.origins.includes(origin)) throw new ApiError(403, 'origin_not_allowed', 'This origin may not call the API for this site');
  return site;
}

/** Past this, an oversized body is not read to its end before answering (the socket is closed instead). */
const DRAIN_MAX = 4 * 1024 * 1024;

/**
 * 413 `payload_too_large` past `maxBytes`, by Content-Length or counted while reading (chunked).
 * An oversized body up to 4 MiB is read and discarded first, so the client receives the 413
 * instead of a connection reset mid-upload. A body within the limit is buffered for the handler.
 */
export function bodyLimit(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Context) => errorResponse(c, 413, 'payload_too_large', `The body is larger than ${maxBytes} bytes`, undefined, { connection: 'close' });
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    const reader = raw.body.getReader();
    const discard = async (seen: number) => {
      try {
        for (let n = seen; n <= DRAIN_MAX; ) {
          const { done, value } = await reader.read();
          if (done) return;
          n += value.byteLength;
        }
        await reader.cancel();
      } catch {
        /* the client went away */
      }
    };
    if (declared !== undefined && Number(declared) > maxBytes) {
      if (Number(declared) <= DRAIN_MAX) await discard(0);
      else await reader.cancel().catch(() => {});
      return tooLarge(c);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await discard(size);
          return tooLarge(c);
        }
        chunks.push(value);
      }
    } catch {
      throw new ApiError(400, 'invalid_json', 'The body could not be read');
    }
    c.req.raw = new Request(raw.url, { method: raw.method, headers: raw.headers, body: Buffer.concat(chunks), signal: raw.signal });
    return next();
  };
}

/**
 * The client IP by the trusted-proxy rule: `false` → the socket peer; `true` → the leftmost
 * X-Forwarded-For entry; `n` → the address `n` hops in from the right of `XFF…, peer`.
 */
export function clientIp(c: Context, trustProxy: boolean | number): string | undefined {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  if (!trustProxy) return peer;
  const xff = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (trustProxy === true) return xff[0] ?? peer;
  const chain = [...xff, ...(peer ? [peer] : [])];
  return chain[Math.max(0, chain.length - 1 - trustProxy)];
}

/** The app's error handler: ApiError → its shape; Hono HTTP errors → their status; the rest → 500. */
export function errorHandler(log: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message, err.issues, err.headers);
    if (err instanceof HTTPException) {
      const status = err.status as ErrorStatus;
      if (status === 413) return errorResponse(c, 413, 'payload_too_large', 'The body is too large');
      if (status >= 400 && status < 500) return errorResponse(c, status, 'bad_request', err.message || 'Bad request');
    }
    log.error('unhandled error', { method: c.req.method, route: c.req.routePath, err: String((err as Error)?.stack ?? err) });
    return errorResponse(c, 500, 'internal_error', 'Something went wrong on our side');
  };
}
