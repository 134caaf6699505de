/**
 * The consent outbox: proof-of-consent records (GDPR 7(1)) reach the server even across
 * failures, offline periods and page unloads.
 *
 * Records are queued in localStorage (bounded), sent oldest first, and removed only once the
 * server acknowledged them. Flushes run on start, on `online`, after a backoff when a send
 * failed, and on `pagehide` (with `keepalive`, records stay queued until acknowledged on a later
 * page). The server stores each record id once, so a record sent twice is stored once.
 */
import type { Transport } from './transport.js';
import { ConsentkitError, NetworkError, RateLimitedError, ServerError } from './errors.js';
import { paths } from './paths.js';
import type { ConsentRecord } from './wire.js';

export interface OutboxOptions {
  transport: Transport;
  /** localStorage key (one queue per site). */
  key: string;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Most records kept; beyond it the oldest are dropped with a console warning. Default 200. */
  limit?: number;
  /** First retry delay after a failed flush, ms (doubles up to `maxDelay`). */
  retryDelay?: number;
  maxDelay?: number;
  /** Transport retries inside one flush attempt. Default 2. */
  retries?: number;
}

export interface Outbox {
  enqueue(record: ConsentRecord): void;
  /** Sends what is queued; resolves when the queue is empty or a send failed (retry scheduled). */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  pending(): ConsentRecord[];
  /** Listens to `online` and `pagehide` and flushes now. Returns `stop`. */
  start(): () => void;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { transport, key, limit = 200, retryDelay = 2_000, maxDelay = 60_000, retries = 2 } = options;
  const storage = options.storage ?? localStorage;
  let flushing: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = true;
  let inflight = new AbortController();

  function load(): ConsentRecord[] {
    try {
      const v = JSON.parse(storage.getItem(key) ?? '[]') as unknown;
      return Array.isArray(v) ? (v as ConsentRecord[]).filter((r) => r && typeof r.id === 'string') : [];
    } catch {
      return [];
    }
  }
  function save(records: ConsentRecord[]): void {
    try {
      storage.setItem(key, JSON.stringify(records));
    } catch (e) {
      console.warn('[consentkit] consent records could not be queued', e);
    }
  }
  function remove(id: string): void {
    save(load().filter((r) => r.id !== id));
  }

  function enqueue(record: ConsentRecord): void {
    const queue = load().filter((r) => r.id !== record.id);
    queue.push(record);
    if (queue.length > limit) {
      console.warn(`[consentkit] consent outbox full: dropping ${queue.length - limit} oldest record(s)`);
      queue.splice(0, queue.length - limit);
    }
    save(queue);
  }

  function schedule(): void {
    if (stopped || timer) return;
    const delay = Math.min(maxDelay, retryDelay * 2 ** Math.min(failures - 1, 16));
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delay * (0.5 + Math.random() / 2));
  }

  async function send(record: ConsentRecord, keepalive: boolean): Promise<'done' | 'retry'> {
    try {
      await transport.request({
        path: paths.consents(),
        body: record,
        idempotencyKey: record.id,
        keepalive,
        retries: keepalive ? 0 : retries,
        signal: keepalive ? undefined : inflight.signal,
      });
      return 'done';
    } catch (e) {
      // Only a definitive refusal (4xx other than 408/429) ends a record's life; a 409 means the
      // server already holds this record id. Anything else is retried later.
      if (!(e instanceof ConsentkitError) || e instanceof NetworkError || e instanceof RateLimitedError || e instanceof ServerError) return 'retry';
      if (e.status !== 409) console.warn('[consentkit] consent record refused by the server, dropped', record.id, e);
      return 'done';
    }
  }

  function flush(opts: { keepalive?: boolean } = {}): Promise<void> {
    if (opts.keepalive) {
      // Page is going away: fire everything, keep the queue until a later page sees the receipts.
      let bytes = 0;
      for (const r of load()) {
        bytes += JSON.stringify(r).length;
        if (bytes > 60_000) break;
        void send(r, true).then((res) => res === 'done' && remove(r.id));
      }
      return Promise.resolve();
    }
    if (flushing) return flushing;
    const run = async () => {
      for (let queue = load(); queue.length; queue = load()) {
        const record = queue[0]!;
        if ((await send(record, false)) === 'retry') {
          failures++;
          schedule();
          return;
        }
        remove(record.id);
        failures = 0;
      }
    };
    // Cleared in a later microtask, so an empty queue cannot leave a settled promise behind.
    const current: Promise<void> = run().finally(() => {
      if (flushing === current) flushing = null;
    });
    flushing = current;
    return flushing;
  }

  function start(): () => void {
    stopped = false;
    inflight = new AbortController();
    const online = () => {
      failures = 0;
      clearTimeout(timer);
      timer = undefined;
      void flush();
    };
    const pagehide = () => void flush({ keepalive: true });
    addEventListener('online', online);
    addEventListener('pagehide', pagehide);
    void flush();
    return () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      inflight.abort();
      removeEventListener('online', online);
      removeEventListener('pagehide', pagehide);
    };
  }

  return { enqueue, flush, pending: load, start };
}
