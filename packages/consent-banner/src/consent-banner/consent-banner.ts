import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Client, ConsentState } from '@consentkit/core';
import type { ConsentSource } from '@consentkit/core/wire';
import { LocalizeController } from '@consentkit/core/lit';
import { acceptable, activeElement, decide, loaders, visibleText } from '../decide.js';
import { ConsentChangeEvent } from '../events.js';
import type { CkConsentPreferences } from '../consent-preferences/consent-preferences.js';
import { styles } from './consent-banner.styles.js';

export type BannerLayout = 'bar-bottom' | 'bar-top' | 'box' | 'modal';

/**
 * The first layer of the consent banner: title, short text, policy link, and **Accept all /
 * Reject all / Customise** as three identical buttons; the close control refuses (and says so).
 * It shows itself when there is no valid stored choice (first visit, revision bump, expiry) and
 * stays hidden otherwise; Escape, scrolling or clicking elsewhere never decide anything.
 * It owns a `<ck-consent-preferences>` dialog (`showPreferences()`), a floating re-open button
 * (unless `no-reopen`), and fires `ck-consent-change` whenever the client's choice changes.
 *
 * @summary Cookie consent banner (first layer) with equal Accept all / Reject all.
 * @fires ck-consent-change - The stored choice changed (`event.state`, `event.previous`).
 * @csspart banner - The banner container.
 * @csspart title - The heading.
 * @csspart text - The explanatory paragraph.
 * @csspart policy-link - The link to the privacy policy.
 * @csspart accept-all - The Accept all button.
 * @csspart reject-all - The Reject all button.
 * @csspart customise - The Customise button.
 * @csspart close - The close (= reject all) button.
 * @csspart reopen - The floating re-open button.
 * @cssprop --ck-consent-background - Background (default `--ck-color-surface`).
 * @cssprop --ck-consent-color - Text colour (default `--ck-color-text`).
 * @cssprop --ck-consent-accent - Buttons and links (default `--ck-color-primary`).
 * @cssprop --ck-consent-on-accent - Button text (default `--ck-color-on-primary`).
 * @cssprop --ck-consent-border-color - Borders (default `--ck-color-border`).
 * @cssprop --ck-consent-radius - Corner radius (default `--ck-radius`).
 * @cssprop --ck-consent-font - Font family (default `--ck-font-family`).
 * @cssprop --ck-consent-banner-width - Width of the `box` layout (default 26rem).
 * @cssprop --ck-consent-banner-z-index - Stacking order (default 2147483000).
 */
export class CkConsentBanner extends LitElement {
  static override styles = styles;

  /** The consentkit client; when unset, taken from context (`provideClient`). */
  @property({ attribute: false }) client: Client | undefined;
  /** `bar-bottom`, `bar-top`, `box` or `modal`; default from `config.banner.layout`. */
  @property({ reflect: true }) layout: BannerLayout | undefined;
  /** `light` or `dark` forces a colour scheme; otherwise it follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;
  /** Whether the first layer is shown (set automatically from the stored choice). */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Do not render the floating re-open button (the page provides `data-ck-open-preferences`). */
  @property({ type: Boolean, attribute: 'no-reopen' }) noReopen = false;

  @state() private choice: ConsentState | null = null;
  @query('.banner') private panel!: HTMLElement | null;
  @query('ck-consent-preferences') private prefs!: CkConsentPreferences | null;

  private readonly l10n = new LocalizeController(this, 'consent-banner', loaders);
  private subscribed: Client | undefined;
  private unsubscribe: (() => void) | undefined;
  private opener: HTMLElement | null = null;
  private shown = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribed = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) void this.l10n.load();
    const client = this.l10n.client;
    if (client && this.theme === undefined && client.config.banner.theme !== 'auto') this.theme = client.config.banner.theme;
    if (client && client !== this.subscribed) {
      this.unsubscribe?.();
      this.subscribed = client;
      this.choice = client.consent.get();
      this.open = this.choice === null;
      this.unsubscribe = client.consent.subscribe((s, prev) => {
        this.choice = s;
        this.open = false;
        this.dispatchEvent(new ConsentChangeEvent(s, prev));
      });
    }
  }

  protected override updated(): void {
    const panel = this.panel;
    if (panel instanceof HTMLDialogElement && this.open && !panel.open) panel.showModal();
    if (!this.open) this.shown = false;
    else if (!this.shown && panel) {
      // Once per showing: keyboard and screen-reader users land in the banner.
      this.shown = true;
      this.opener = activeElement();
      if (!(panel instanceof HTMLDialogElement)) panel.focus({ preventScroll: true });
    }
  }

  private get effectiveLayout(): BannerLayout {
    return this.layout ?? this.l10n.client?.config.banner.layout ?? 'bar-bottom';
  }

  /** Show the first layer again (e.g. from a "cookie settings" link). */
  show(): void {
    this.open = true;
  }

  /** Open the preferences dialog (focus moves into it and returns on close). */
  async showPreferences(): Promise<void> {
    const opener = activeElement();
    // Strings may still be loading (first use right after the chunk arrived).
    for (let i = 0; i < 250 && !this.prefs; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await this.updateComplete;
    }
    await this.prefs?.show(opener);
  }

  /** Grant every optional category (except those GPC pre-denies). */
  acceptAll(source: ConsentSource = 'banner'): Promise<ConsentState | undefined> {
    const client = this.l10n.client;
    return this.choose(client ? acceptable(client) : [], 'accept_all', source);
  }

  /** Refuse every optional category. */
  rejectAll(source: ConsentSource = 'banner'): Promise<ConsentState | undefined> {
    return this.choose([], 'reject_all', source);
  }

  private async choose(granted: string[], action: 'accept_all' | 'reject_all', source: ConsentSource): Promise<ConsentState | undefined> {
    const client = this.l10n.client;
    if (!client) return undefined;
    const text = this.panel ? visibleText(this.panel) : '';
    const s = await decide(client, { granted, action, source, text, locale: this.l10n.lang });
    this.close();
    return s;
  }

  private close(): void {
    const panel = this.panel;
    if (panel instanceof HTMLDialogElement && panel.open) panel.close();
    this.open = false;
    const back = this.opener;
    this.opener = null;
    if (back?.isConnected && back !== document.body) back.focus();
  }

  private onCancel(e: Event): void {
    // Escape never decides anything: the modal banner stays until the visitor chooses.
    e.preventDefault();
  }

  private async onCustomise(): Promise<void> {
    await this.prefs?.show(this.shadowRoot?.querySelector<HTMLElement>('[part="customise"]') ?? null);
  }

  private renderBanner() {
    const { t, dir, lang } = this.l10n;
    const client = this.l10n.client!;
    const layout = this.effectiveLayout;
    const body = html`
      <h2 id="t" part="title">${t('title')}</h2>
      <button class="icon close" part="close" type="button" aria-label=${t('close')} title=${t('close')} @click=${() => void this.rejectAll()}>
        <span aria-hidden="true">×</span>
      </button>
      <p id="d" part="text">${t('body')} <a part="policy-link" href=${client.config.policyUrl}>${t('policy')}</a></p>
      <div class="actions">
        <button class="choice" part="accept-all" type="button" @click=${() => void this.acceptAll()}>${t('acceptAll')}</button>
        <button class="choice" part="reject-all" type="button" @click=${() => void this.rejectAll()}>${t('rejectAll')}</button>
        <button class="choice" part="customise" type="button" aria-haspopup="dialog" @click=${() => void this.onCustomise()}>${t('customise')}</button>
      </div>
    `;
    if (layout === 'modal') {
      return html`<dialog class="banner" part="banner" data-layout=${layout} dir=${dir} lang=${lang} aria-labelledby="t" aria-describedby="d" @cancel=${this.onCancel}>${body}</dialog>`;
    }
    return html`<div class="banner" part="banner" data-layout=${layout} role="dialog" aria-modal="false" aria-labelledby="t" aria-describedby="d" tabindex="-1" dir=${dir} lang=${lang}>${body}</div>`;
  }

  protected override render() {
    const client = this.l10n.client;
    if (!client || !this.l10n.ready) return nothing;
    const { t, dir, lang } = this.l10n;
    const reopen = !this.noReopen && client.config.banner.reopenButton && this.choice && !this.open;
    return html`
      ${this.open ? this.renderBanner() : nothing}
      ${reopen
        ? html`<button class="icon reopen" part="reopen" type="button" dir=${dir} lang=${lang} aria-label=${t('reopen')} title=${t('reopen')} aria-haspopup="dialog" @click=${(e: Event) => void this.prefs?.show(e.currentTarget as HTMLElement)}>
            <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24"><path fill="currentColor" d="M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5Zm-4.5 9a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm3 4.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm5 0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM9 6.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z"/></svg>
          </button>`
        : nothing}
      <ck-consent-preferences .client=${client} theme=${ifDefined(this.theme)}></ck-consent-preferences>
    `;
  }
}
