/**
 * HTTP transport: the only place in consentkit that calls `fetch`.
 * Timeout per attempt; retries with exponential backoff and full jitter on network errors,
 * 5xx, 408 and 429 (honouring Retry-After); never on other 4xx. One Idempotency-Key per
 * logical submission, the same on each of its retries.
 */
import type { FieldIssue } from './wire.js';
import {
  ConflictError,
  ConsentkitError,
  NetworkError,
  RateLimitedError,
  RequestError,
  ServerError,
  ValidationError,
} from './errors.js';

/** Anything with zod's `safeParse` (zod/mini and zod schemas alike). */
export interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown };
}

export interface TransportOptions {
  /** Base URL (`https://api.example.com`) or absolute path (`/consentkit`); default: page origin. */
  endpoint?: string | undefined;
  /** Per-attempt timeout in ms (default 10 000). */
  timeout?: number;
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** First backoff in ms (default 300); doubles each retry, with full jitter. */
  backoff?: number;
  /** Longest wait between attempts in ms, Retry-After included (default 30 000). */
  maxDelay?: number;
  fetch?: typeof fetch;
  /** Random source in [0,1), for jitter (tests pin it). */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Validates the 2xx body; a mismatch is a ServerError. */
  schema?: Schema<T>;
  /** Send this Idempotency-Key (use `newIdempotencyKey()` once per logical submission). */
  idempotencyKey?: string;
  /** Survives page unload (`pagehide` flushes); body must stay < 64 KiB. */
  keepalive?: boolean;
  signal?: AbortSignal;
  /** Override the retry count for this call. */
  retries?: number;
}

export interface Transport {
  request<T = unknown>(opts: RequestOptions<T>): Promise<T>;
  url(path: string, query?: Record<string, string | undefined>): string;
}

export const newIdempotencyKey = (): string => crypto.randomUUID();

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

/** Seconds from a Retry-After header (delta-seconds or HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function createTransport(options: TransportOptions = {}): Transport {
  const {
    timeout = 10_000,
    retries: defaultRetries = 3,
    backoff = 300,
    maxDelay = 30_000,
    random = Math.random,
    sleep = defaultSleep,
  } = options;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const base = (options.endpoint ?? '').replace(/\/+$/, '');

  function url(path: string, query?: Record<string, string | undefined>): string {
    const qs = query
      ? Object.entries(query)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v!)}`)
          .join('&')
      : '';
    return `${base}${path}${qs ? `?${qs}` : ''}`;
  }

  async function request<T>(opts: RequestOptions<T>): Promise<T> {
    const retries = opts.retries ?? defaultRetries;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const target = url(opts.path, opts.query);

    for (let attempt = 0; ; attempt++) {
      let error: ConsentkitError;
      let retryAfter: number | undefined;
      const ctrl = new AbortController();
      const onAbort = () => ctrl.abort(opts.signal!.reason);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      let timedOut = false;
      const timer = setTimeout(() => ((timedOut = true), ctrl.abort()), timeout);
      try {
        const res = await doFetch(target, {
          method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
          headers,
          body,
          keepalive: opts.keepalive ?? false,
          signal: ctrl.signal,
          credentials: 'omit',
        });
        // An unreadable body is "no JSON" — unless the read was cut short by abort/timeout.
        const data: unknown = await res.json().catch((e: unknown) => {
          if (ctrl.signal.aborted) throw e;
          return undefined;
        });
        if (res.ok) {
          if (!opts.schema) return data as T;
          const parsed = opts.schema.safeParse(data);
          if (parsed.success) return parsed.data;
          throw new ServerError(`Response of ${opts.path} does not match the contract`, res.status, 'bad_response', { cause: parsed.error });
        }
        error = errorFromResponse(res.status, data, res.headers.get('retry-after'));
        retryAfter = error instanceof RateLimitedError || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after')) : undefined;
        if (!RETRY_STATUS.has(res.status)) throw error;
      } catch (e) {
        if (e instanceof ConsentkitError) {
          if (!RETRY_STATUS.has(e.status) || e.code === 'bad_response') throw e;
          error = e;
        } else if (opts.signal?.aborted) {
          throw new NetworkError('Request aborted', 0, 'aborted', { cause: e });
        } else {
          error = timedOut
            ? new NetworkError(`No answer from ${opts.path} within ${timeout} ms`, 0, 'timeout', { cause: e })
            : new NetworkError(`Network error on ${opts.path}`, 0, 'network', { cause: e });
        }
      } finally {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
      }
      if (attempt >= retries) throw error;
      const exp = Math.min(maxDelay, backoff * 2 ** attempt);
      const wait = retryAfter !== undefined ? Math.min(maxDelay, retryAfter * 1000) : Math.round(random() * exp);
      try {
        await sleep(wait, opts.signal);
      } catch (e) {
        throw new NetworkError('Request aborted', 0, 'aborted', { cause: e });
      }
    }
  }

  return { request, url };
}

function errorFromResponse(status: number, data: unknown, retryAfterHeader: string | null): ConsentkitError {
  const body = (data && typeof data === 'object' ? data : {}) as { error?: unknown; message?: unknown; issues?: unknown };
  const code = typeof body.error === 'string' ? body.error : `http_${status}`;
  const message = typeof body.message === 'string' ? body.message : `HTTP ${status}`;
  if (status === 400 || status === 422) {
    const issues = Array.isArray(body.issues) ? (body.issues as FieldIssue[]) : [];
    return new ValidationError(message, status, code, issues);
  }
  if (status === 409) return new ConflictError(message, status, code);
  if (status === 429) return new RateLimitedError(message, code, parseRetryAfter(retryAfterHeader));
  if (status >= 500) return new ServerError(message, status, code);
  return new RequestError(message, status, code);
}
