/**
 * `@consentkit/core/lit`: the glue every consentkit element uses (renders nothing itself).
 *  - `clientContext`: elements receive the page's client from an ancestor provider
 *    (`provideClient(document.body, client)`) or through their `client` property;
 *  - `LocalizeController`: loads the element's i18n namespace in the right language, re-renders
 *    when it is ready and when `lang` changes on the element or on `<html>`.
 */
import { ContextConsumer, ContextProvider, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Client } from './client.js';
import { direction, useNamespace, type I18n, type LocaleLoaders } from './i18n.js';

export const clientContext = createContext<Client>(Symbol.for('consentkit.client'));

/** Makes `client` available to every consentkit element inside `root` (e.g. `document.body`). */
export function provideClient(root: HTMLElement, client: Client): ContextProvider<typeof clientContext> {
  return new ContextProvider(root, { context: clientContext, initialValue: client });
}

type Host = ReactiveControllerHost & HTMLElement & { client?: Client | undefined };

/**
 * Resolves the host's client (its `client` property wins, else context) and its strings.
 * Until both are ready, `ready` is false and `t` returns the key.
 */
export class LocalizeController implements ReactiveController {
  /** Translate in the element's language and namespace. */
  t: I18n['t'] = ((key: string) => key) as I18n['t'];
  lang = 'en';
  dir: 'ltr' | 'rtl' = 'ltr';
  ready = false;
  private readonly host: Host;
  private readonly ns: string;
  private readonly loaders: LocaleLoaders;
  private contextClient: Client | undefined;
  private observer: MutationObserver | undefined;
  private loading = 0;

  constructor(host: Host, ns: string, loaders: LocaleLoaders) {
    this.host = host;
    this.ns = ns;
    this.loaders = loaders;
    host.addController(this);
    new ContextConsumer(host, {
      context: clientContext,
      subscribe: true,
      callback: (client) => {
        this.contextClient = client;
        void this.load();
      },
    });
  }

  /** The client in use: the host's `client` property, else the one from context. */
  get client(): Client | undefined {
    return this.host.client ?? this.contextClient;
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => void this.load());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    void this.load();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  /** (Re)loads strings for the current language; call after setting `client` by hand. */
  async load(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const ticket = ++this.loading;
    const r = await useNamespace(client, this.ns, this.loaders, this.host);
    if (ticket !== this.loading) return;
    this.t = r.t;
    this.lang = r.lang;
    this.dir = direction(r.lang);
    this.ready = true;
    this.host.requestUpdate();
  }

  /** Format an instant for this element's language (`Intl`). */
  formatDate(date: Date | string | number, options: Intl.DateTimeFormatOptions, timeZone?: string): string {
    return new Intl.DateTimeFormat(this.lang, { ...options, ...(timeZone ? { timeZone } : {}) }).format(new Date(date));
  }
}
