import { describe, expect, it } from 'vitest';
import { createTransport, parseRetryAfter } from '../src/transport.js';
import { ConflictError, NetworkError, RateLimitedError, RequestError, ServerError, ValidationError } from '../src/errors.js';
import { ConsentReceipt } from '../src/wire.js';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'network' | 'hang';

/** A fetch that answers from a script and records every call. */
function scripted(replies: Reply[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init! });
    const r = replies.shift() ?? { status: 200, body: {} };
    if (r === 'network') throw new TypeError('Failed to fetch');
    if (r === 'hang')
      return new Promise<Response>((_, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    return new Response(r.body === undefined ? null : JSON.stringify(r.body), { status: r.status, headers: r.headers });
  };
  const waits: number[] = [];
  const t = createTransport({
    endpoint: 'https://api.test/',
    fetch: fetch as typeof globalThis.fetch,
    timeout: 50,
    retries: 3,
    backoff: 100,
    random: () => 1,
    sleep: async (ms) => void waits.push(ms),
  });
  return { t, calls, waits };
}
const key = (c: { init: RequestInit }) => (c.init.headers as Record<string, string>)['idempotency-key'];

describe('transport', () => {
  for (const status of [400, 401, 403, 404, 409, 410, 422]) {
    it(`does not retry a ${status}`, async () => {
      const { t, calls } = scripted([{ status, body: { error: 'x', message: 'no' } }]);
      await expect(t.request({ path: '/v1/consents', body: {} })).rejects.toBeInstanceOf(
        status === 400 || status === 422 ? ValidationError : status === 409 ? ConflictError : RequestError,
      );
      expect(calls).toHaveLength(1);
    });
  }

  it('retries network errors, timeouts, 5xx and 408 with one Idempotency-Key, backing off exponentially', async () => {
    const { t, calls, waits } = scripted(['network', 'hang', { status: 503 }, { status: 201, body: { ok: 1 } }]);
    await expect(t.request({ path: '/v1/bookings', body: { a: 1 }, idempotencyKey: 'k-1' })).resolves.toEqual({ ok: 1 });
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map(key))).toEqual(new Set(['k-1']));
    expect(waits).toEqual([100, 200, 400]);
    expect(calls[0]!.url).toBe('https://api.test/v1/bookings');
  });

  it('uses a different key for a different submission', async () => {
    const { t, calls } = scripted([{ status: 500 }, { status: 200, body: {} }, { status: 500 }, { status: 200, body: {} }]);
    await t.request({ path: '/p', body: {}, idempotencyKey: 'a' });
    await t.request({ path: '/p', body: {}, idempotencyKey: 'b' });
    expect(calls.map(key)).toEqual(['a', 'a', 'b', 'b']);
  });

  it('honours Retry-After on 429 and gives up with RateLimitedError', async () => {
    const r429 = { status: 429, body: { error: 'rate_limited', message: 'slow down' }, headers: { 'retry-after': '7' } };
    const { t, calls, waits } = scripted([r429, r429, r429, r429]);
    const err: any = await t.request({ path: '/p', body: {} }).catch((e: any) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.retryAfter).toBe(7);
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([7000, 7000, 7000]);
  });

  it('surfaces field issues of a 400', async () => {
    const issues = [{ path: ['fields', 'email'], code: 'invalid_format', message: 'expected an email address' }];
    const { t } = scripted([{ status: 400, body: { error: 'validation_failed', message: 'Invalid', issues } }]);
    const err = (await t.request({ path: '/p', body: {} }).catch((e: any) => e)) as ValidationError;
    expect(err.issuesFor('fields', 'email')).toEqual(issues);
    expect(err.issuesFor('fields', 'subject')).toEqual([]);
  });

  it('gives up with NetworkError (timeout) or ServerError once retries run out', async () => {
    const a = scripted(['hang', 'hang', 'hang', 'hang']);
    const e1: any = await a.t.request({ path: '/p' }).catch((e: any) => e);
    expect(e1).toBeInstanceOf(NetworkError);
    expect(e1.code).toBe('timeout');
    const b = scripted([{ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 }]);
    expect(await b.t.request({ path: '/p' }).catch((e: any) => e)).toBeInstanceOf(ServerError);
  });

  it('rejects a 2xx body that breaks the contract, without retrying', async () => {
    const { t, calls } = scripted([{ status: 201, body: { id: 'nope' } }]);
    const err = await t.request({ path: '/p', body: {}, schema: ConsentReceipt }).catch((e: any) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.code).toBe('bad_response');
    expect(calls).toHaveLength(1);
  });

  it('parses Retry-After dates', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
