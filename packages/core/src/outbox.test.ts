// Browser test: 1000 consent changes reach a faulty server exactly once each.
// msw plays the server's faults (500s, timeouts, offline, 429 + Retry-After); the "server"
// stores records idempotently by id, as the real one does.
import { expect } from '@open-wc/testing';
import { http, HttpResponse, delay } from 'msw';
import { setupWorker } from 'msw/browser';
import Cookies from 'js-cookie';
import { createClient, type Client } from './client.js';

const config = {
  site: 'outbox-test',
  endpoint: '/fake-api',
  policyUrl: '/privacy',
  categories: [
    { id: 'necessary', title: 'N', description: 'n', necessary: true },
    { id: 'analytics', title: 'A', description: 'a' },
    { id: 'media', title: 'M', description: 'm' },
  ],
};

describe('consent outbox under faults', function (this: Mocha.Suite) {
  // ~75 s alone: each change rewrites a localStorage queue of up to ~800 records (the bound is
  // lifted here); a busy CI machine running other suites beside it can double that.
  this.timeout(300_000);
  const stored = new Map<string, unknown>();
  let deliveries = 0;
  let offline = false;
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const worker = setupWorker(
    http.post('/fake-api/v1/consents', async ({ request }) => {
      if (offline) return HttpResponse.error();
      const record = (await request.json()) as { id: string };
      const r = rand();
      if (r < 0.15) return HttpResponse.json({ error: 'internal_error', message: 'boom' }, { status: 500 });
      if (r < 0.2) {
        await delay(400); // longer than the client's timeout
        stored.set(record.id, record); // …but the server did store it: the client must not duplicate
        return HttpResponse.json({ id: record.id, receivedAt: new Date().toISOString() }, { status: 201 });
      }
      if (r < 0.25) return HttpResponse.error();
      if (r < 0.3) return HttpResponse.json({ error: 'rate_limited', message: 'slow' }, { status: 429, headers: { 'retry-after': '1' } });
      deliveries++;
      stored.set(record.id, record);
      return HttpResponse.json({ id: record.id, receivedAt: new Date().toISOString() }, { status: 201 });
    }),
  );

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => {
    worker.stop();
    Cookies.remove('ck_consent', { path: '/' });
  });

  it('delivers 1000 changes with reloads and offline periods: 1000 distinct records, none lost', async () => {
    localStorage.removeItem('ck_outbox:outbox-test');
    // Decisions come every ~12 ms here (a person makes one every few seconds), faster than a
    // faulty server drains them, so the queue bound is lifted for this test; the next test checks it.
    const opts = { timeout: 150, backoff: 1, maxDelay: 30, outbox: { retryDelay: 5, maxDelay: 100, limit: 1000 } };
    let client: Client = createClient(config, opts);
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i % 100 === 30) offline = true; // an offline stretch of 20 decisions
      if (i % 100 === 50) {
        offline = false;
        dispatchEvent(new Event('online'));
      }
      if (i % 60 === 59) {
        // A page reload: pagehide flush with keepalive, in-flight requests die, a new page starts.
        dispatchEvent(new Event('pagehide'));
        client.stop();
        client = createClient(config, opts);
      }
      const choice = rand() < 0.5 ? ['analytics'] : rand() < 0.5 ? ['analytics', 'media'] : [];
      client.decide({ granted: choice, action: 'custom', source: 'banner', locale: 'en', textHash: 'abcdef12' });
      ids.push(client.outbox.pending().at(-1)!.id);
      await delay(12);
    }
    offline = false;
    const deadline = Date.now() + 200_000;
    while (client.outbox.pending().length && Date.now() < deadline) {
      await client.outbox.flush();
      await delay(20);
    }
    client.stop();
    expect(client.outbox.pending()).to.have.length(0);
    expect(new Set(ids).size).to.equal(1000);
    expect(stored.size).to.equal(1000);
    expect([...stored.keys()].sort()).to.deep.equal([...ids].sort());
    console.log(`outbox: 1000 records stored; ${deliveries} accepted deliveries`);
  });

  it('stays bounded: past the limit the oldest records are dropped, with a warning', async () => {
    const { createOutbox } = await import('./outbox.js');
    const { createTransport } = await import('./transport.js');
    offline = true;
    const mem = new Map<string, string>();
    const box = createOutbox({
      transport: createTransport({ endpoint: '/fake-api', retries: 0 }),
      key: 'k',
      limit: 5,
      storage: { getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => void mem.set(k, v) },
    });
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...a: unknown[]) => void warnings.push(a[0]);
    try {
      for (let i = 0; i < 8; i++) box.enqueue({ ...record(), id: `00000000-0000-4000-8000-00000000000${i}` });
    } finally {
      console.warn = warn;
      offline = false;
    }
    expect(box.pending().map((r) => r.id.at(-1))).to.deep.equal(['3', '4', '5', '6', '7']);
    expect(warnings).to.have.length(3);
  });
});

const record = () => ({
  id: crypto.randomUUID(),
  consentId: crypto.randomUUID(),
  site: 'outbox-test',
  revision: 1,
  granted: ['necessary'],
  denied: ['analytics'],
  action: 'reject_all' as const,
  gpc: false,
  locale: 'en',
  textHash: 'abcdef12',
  pagePath: '/',
  clientTime: new Date().toISOString(),
});
