import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { localize, type CategoryConfig, type Client, type ConsentState, type DeclaredCookie } from '@consentkit/core';
import { LocalizeController } from '@consentkit/core/lit';
import { acceptable, activeElement, decide, gpcDenied, loaders, visibleText } from '../decide.js';
import { styles } from './consent-preferences.styles.js';

/**
 * The preferences dialog (second layer): every category with its description, per-service
 * toggles and a cookie table (name, provider, purpose, duration); necessary categories are
 * locked on and explained; nothing is pre-ticked on a first visit, and a re-opened dialog shows
 * the current choice. Save / Accept all / Reject all are identical buttons. It is a modal
 * `<dialog>`: focus moves in, stays in (the page is inert) and returns to the opener on close;
 * Escape and the close button leave the stored choice untouched.
 *
 * @summary Consent preferences dialog with per-category and per-service choices.
 * @csspart dialog - The dialog.
 * @csspart title - The heading.
 * @csspart category - One category block.
 * @csspart toggle - A category or service checkbox.
 * @csspart cookie-table - A cookie table.
 * @csspart save - The Save button.
 * @csspart accept-all - The Accept all button.
 * @csspart reject-all - The Reject all button.
 * @csspart close - The close button (keeps the stored choice).
 * @cssprop --ck-consent-background - Background (default `--ck-color-surface`).
 * @cssprop --ck-consent-color - Text colour (default `--ck-color-text`).
 * @cssprop --ck-consent-accent - Buttons, links and toggles (default `--ck-color-primary`).
 * @cssprop --ck-consent-preferences-width - Dialog width (default 40rem).
 */
export class CkConsentPreferences extends LitElement {
  static override styles = styles;

  /** The consentkit client; when unset, taken from context (`provideClient`). */
  @property({ attribute: false }) client: Client | undefined;
  /** `light` or `dark` forces a colour scheme; otherwise it follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;
  /** Whether the dialog is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private cats = new Set<string>();
  @state() private services = new Set<string>();
  @query('dialog') private dialog!: HTMLDialogElement | null;

  private readonly l10n = new LocalizeController(this, 'consent-banner', loaders);
  private opener: HTMLElement | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) void this.l10n.load();
  }

  /** Open the dialog with the current choice; focus returns to `opener` (default: the focused element) on close. */
  async show(opener: HTMLElement | null = activeElement()): Promise<void> {
    this.opener = opener;
    const current = this.l10n.client?.consent.get() ?? null;
    this.cats = new Set(current?.granted ?? []);
    this.services = new Set(current?.services ?? []);
    this.open = true;
    await this.updateComplete;
    for (let i = 0; i < 100 && !this.dialog; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await this.updateComplete;
    }
    const d = this.dialog;
    if (d && !d.open) d.showModal();
    d?.querySelector<HTMLElement>('h2')?.focus();
  }

  /** Close without changing anything. */
  hide(): void {
    if (this.dialog?.open) this.dialog.close();
    this.onClosed();
  }

  private onDialogClose(): void {
    // The close event is queued: the dialog may have been opened again meanwhile.
    if (!this.dialog?.open) this.onClosed();
  }

  private onClosed(): void {
    if (!this.open) return;
    this.open = false;
    const back = this.opener;
    this.opener = null;
    if (back?.isConnected) back.focus();
  }

  private async choose(kind: 'save' | 'accept' | 'reject'): Promise<ConsentState | undefined> {
    const client = this.l10n.client;
    if (!client) return undefined;
    const prev = client.consent.get();
    const optional = client.config.categories.filter((c) => !c.necessary);
    let granted: string[];
    let services: string[] | undefined;
    if (kind === 'accept') granted = acceptable(client);
    else if (kind === 'reject') granted = [];
    else {
      granted = optional.filter((c) => this.cats.has(c.id) && !c.services.length).map((c) => c.id);
      granted.push(...optional.filter((c) => c.services.length && c.services.every((s) => this.services.has(s.id))).map((c) => c.id));
      services = optional.flatMap((c) => c.services.map((s) => s.id)).filter((s) => this.services.has(s));
    }
    const withdrawing = !!prev && prev.granted.some((c) => optional.some((o) => o.id === c) && !granted.includes(c));
    const action = kind === 'accept' ? 'accept_all' : kind === 'reject' ? (withdrawing ? 'withdraw' : 'reject_all') : 'custom';
    const text = this.dialog ? visibleText(this.dialog) : '';
    const s = await decide(client, {
      granted,
      ...(services ? { services } : {}),
      action,
      source: withdrawing ? 'withdrawal' : 'settings',
      text,
      locale: this.l10n.lang,
    });
    this.hide();
    return s;
  }

  private toggleCategory(cat: CategoryConfig, on: boolean): void {
    const cats = new Set(this.cats);
    const services = new Set(this.services);
    if (on) cats.add(cat.id);
    else cats.delete(cat.id);
    for (const s of cat.services) {
      if (on) services.add(s.id);
      else services.delete(s.id);
    }
    this.cats = cats;
    this.services = services;
  }

  private toggleService(cat: CategoryConfig, id: string, on: boolean): void {
    const services = new Set(this.services);
    if (on) services.add(id);
    else services.delete(id);
    const cats = new Set(this.cats);
    if (cat.services.every((s) => services.has(s.id))) cats.add(cat.id);
    else cats.delete(cat.id);
    this.services = services;
    this.cats = cats;
  }

  private cookieTable(cookies: readonly DeclaredCookie[], caption: string) {
    const { t, lang } = this.l10n;
    if (!cookies.length) return html`<p class="note">${t('noCookies')}</p>`;
    return html`<table part="cookie-table">
      <caption class="sr-only">${caption}</caption>
      <thead>
        <tr><th scope="col">${t('cookieName')}</th><th scope="col">${t('cookieProvider')}</th><th scope="col">${t('cookiePurpose')}</th><th scope="col">${t('cookieDuration')}</th></tr>
      </thead>
      <tbody>
        ${cookies.map(
          (c) => html`<tr><td><code>${c.name}</code></td><td>${c.provider ?? ''}</td><td>${localize(c.purpose, lang)}</td><td>${localize(c.duration, lang)}</td></tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderCategory(cat: CategoryConfig, gpc: readonly string[]) {
    const { t, lang } = this.l10n;
    const title = localize(cat.title, lang);
    const id = `c-${cat.id}`;
    const some = cat.services.some((s) => this.services.has(s.id));
    const cookies = [...cat.cookies, ...cat.services.flatMap((s) => s.cookies.map((c) => ({ ...c, provider: c.provider ?? s.provider ?? s.name })))];
    return html`<section class="category" part="category" aria-labelledby=${id}>
      <div class="row">
        <h3 id=${id}>${title}</h3>
        ${cat.necessary
          ? html`<label class="toggle"><input part="toggle" type="checkbox" checked disabled aria-describedby="${id}-n" />${t('alwaysOn')}</label>`
          : html`<label class="toggle"
              ><input
                part="toggle"
                type="checkbox"
                name=${cat.id}
                aria-labelledby=${id}
                .checked=${this.cats.has(cat.id)}
                .indeterminate=${!this.cats.has(cat.id) && some}
                @change=${(e: Event) => this.toggleCategory(cat, (e.target as HTMLInputElement).checked)}
            /></label>`}
      </div>
      <p class="desc">${localize(cat.description, lang)}</p>
      ${cat.necessary ? html`<p class="note" id="${id}-n">${t('necessaryNote')}</p>` : nothing}
      ${gpc.includes(cat.id) ? html`<p class="note" part="gpc-note">${t('gpc')}</p>` : nothing}
      ${cat.services.length
        ? html`<ul class="services" aria-label=${`${title}: ${t('services')}`}>
            ${cat.services.map(
              (s) => html`<li>
                <label class="toggle"
                  ><input
                    part="toggle"
                    type="checkbox"
                    name=${`${cat.id}:${s.id}`}
                    .checked=${this.services.has(s.id)}
                    @change=${(e: Event) => this.toggleService(cat, s.id, (e.target as HTMLInputElement).checked)}
                  />${s.name}${s.provider ? ` (${s.provider})` : ''}</label
                >
                ${s.description ? html`<p class="desc">${localize(s.description, lang)}</p>` : nothing}
              </li>`,
            )}
          </ul>`
        : nothing}
      <details>
        <summary>${t('cookies')} (${cookies.length})</summary>
        ${this.cookieTable(cookies, `${title}: ${t('cookies')}`)}
      </details>
    </section>`;
  }

  protected override render() {
    const client = this.l10n.client;
    if (!client || !this.l10n.ready || !this.open) return nothing;
    const { t, dir, lang } = this.l10n;
    const gpc = gpcDenied(client);
    return html`<dialog part="dialog" aria-labelledby="pt" dir=${dir} lang=${lang} @close=${this.onDialogClose}>
      <div class="head">
        <h2 id="pt" part="title" tabindex="-1">${t('prefsTitle')}</h2>
        <button class="icon" part="close" type="button" aria-label=${t('closeDialog')} title=${t('closeDialog')} @click=${() => this.hide()}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div class="content">
        <p>${t('prefsIntro')} <a href=${client.config.policyUrl}>${t('policy')}</a></p>
        ${client.config.categories.map((c) => this.renderCategory(c, gpc))}
      </div>
      <div class="foot actions">
        <button class="choice" part="save" type="button" @click=${() => void this.choose('save')}>${t('save')}</button>
        <button class="choice" part="accept-all" type="button" @click=${() => void this.choose('accept')}>${t('acceptAll')}</button>
        <button class="choice" part="reject-all" type="button" @click=${() => void this.choose('reject')}>${t('rejectAll')}</button>
      </div>
    </dialog>`;
  }
}
