/**
 * `createClient(config)`: the one consentkit instance of a page. Everything else (gate,
 * banner, widgets) receives it as a parameter or through context, never from a global.
 */
import { parseConfig, type ConfigIssue, type SiteConfig } from './config.js';
import { createConsentStore, type ConsentChoice, type ConsentState, type ConsentStore, type CookieJar } from './consent-store.js';
import { createOutbox, type Outbox, type OutboxOptions } from './outbox.js';
import { createTransport, type Transport, type TransportOptions } from './transport.js';
import type { ConsentSource } from './wire.js';

export interface ClientOptions extends Omit<TransportOptions, 'endpoint'> {
  jar?: CookieJar;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Start the outbox (flush now, on `online`, on `pagehide`). Default: true in a browser. */
  start?: boolean;
  /** Override Global Privacy Control detection. */
  gpc?: boolean;
  /** Outbox tuning: retry timing (ms) and queue bound. */
  outbox?: Partial<Pick<OutboxOptions, 'retryDelay' | 'maxDelay' | 'limit'>>;
}

export interface Decision extends ConsentChoice {
  source: ConsentSource;
  /** Language of the text the visitor saw. */
  locale: string;
  /** sha256Hex of the text the visitor saw. */
  textHash: string;
}

export interface Client {
  readonly config: SiteConfig;
  /** False when the given config was invalid (and the safe config is in use). */
  readonly configOk: boolean;
  readonly issues: readonly ConfigIssue[];
  readonly transport: Transport;
  readonly consent: ConsentStore;
  readonly outbox: Outbox;
  /** Global Privacy Control is on and honoured for this site. */
  readonly gpc: boolean;
  /** Store a decision, queue its proof-of-consent record, and send it. */
  decide(decision: Decision): ConsentState;
  /** Stop background work (outbox listeners and timers). */
  stop(): void;
}

export function createClient(input: unknown, options: ClientOptions = {}): Client {
  const { ok, config, issues } = parseConfig(input);
  const transport = createTransport({ ...options, endpoint: config.endpoint });
  const consent = createConsentStore(config, options.jar ? { jar: options.jar } : {});
  const outbox = createOutbox({
    transport,
    key: `ck_outbox:${config.site}`,
    ...(options.storage ? { storage: options.storage } : {}),
    ...options.outbox,
  });
  const inBrowser = typeof window !== 'undefined';
  const gpc =
    config.gpc && (options.gpc ?? (typeof navigator !== 'undefined' && (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true));
  let stop = (options.start ?? inBrowser) ? outbox.start() : () => {};

  function decide(d: Decision): ConsentState {
    const state = consent.set(d);
    outbox.enqueue({
      id: crypto.randomUUID(),
      consentId: state.consentId,
      site: config.site,
      revision: state.revision,
      granted: state.granted,
      denied: state.denied,
      services: state.services,
      action: d.action,
      source: d.source,
      gpc: state.gpc,
      locale: d.locale,
      textHash: d.textHash,
      pagePath: inBrowser ? location.pathname : '/',
      clientTime: new Date(state.updatedAt).toISOString(),
    });
    void outbox.flush();
    return state;
  }

  return {
    config,
    configOk: ok,
    issues,
    transport,
    consent,
    outbox,
    gpc,
    decide,
    stop() {
      stop();
      stop = () => {};
    },
  };
}

/** Hex SHA-256 of a text (the consent text a visitor saw, a notice). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
