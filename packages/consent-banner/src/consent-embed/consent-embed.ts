import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { localize, type Client } from '@consentkit/core';
import { LocalizeController } from '@consentkit/core/lit';
import { ACTIVATED, createActivator } from '../gate/activator.js';
import { decide, loaders, visibleText } from '../decide.js';
import { styles } from './consent-embed.styles.js';

/**
 * A placeholder for third-party content (video, map, social post) held back by the gate. Wrap
 * the gated element: `<ck-consent-embed provider="YouTube"><iframe data-ck-category="media"
 * data-src="…"></iframe></ck-consent-embed>`. Until its category (and `data-ck-service`, if any)
 * is granted it says what the content is and who provides it, with **Load this once** (this
 * element only, no consent stored) and **Always allow <category>** (a stored decision).
 *
 * @summary Placeholder for consent-gated third-party content.
 * @slot - The gated element(s) (`data-ck-category` + `data-src`).
 * @csspart placeholder - The placeholder box.
 * @csspart load-once - The Load this once button.
 * @csspart always-allow - The Always allow button.
 * @cssprop --ck-consent-embed-aspect-ratio - Placeholder aspect ratio (default 16 / 9).
 * @cssprop --ck-consent-background - Background (default `--ck-color-surface`).
 * @cssprop --ck-consent-accent - Buttons (default `--ck-color-primary`).
 */
export class CkConsentEmbed extends LitElement {
  static override styles = styles;

  /** The consentkit client; when unset, taken from context (`provideClient`). */
  @property({ attribute: false }) client: Client | undefined;
  /** Who provides the content (e.g. "YouTube"); default: the gated element's service name. */
  @property({ reflect: true }) provider: string | undefined;
  /** `light` or `dark` forces a colour scheme. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  private readonly l10n = new LocalizeController(this, 'consent-banner', loaders);
  private readonly refresh = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(ACTIVATED, this.refresh);
    window.addEventListener('ck-consent-change', this.refresh);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(ACTIVATED, this.refresh);
    window.removeEventListener('ck-consent-change', this.refresh);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) void this.l10n.load();
  }

  private get gated(): HTMLElement | null {
    return this.querySelector<HTMLElement>('[data-ck-category]');
  }

  /** Whether the content is still held back. */
  get pending(): boolean {
    return !!this.querySelector('[data-ck-category]:not([data-ck-active])');
  }

  /** Load the content on this page only (no consent is stored). */
  loadOnce(): void {
    const client = this.l10n.client;
    if (!client) return;
    createActivator({ config: client.config, observe: false, scan: false }).loadOnce(this);
    this.requestUpdate();
  }

  /** Grant the content's category (and service) for good: a stored decision. */
  async alwaysAllow(): Promise<void> {
    const client = this.l10n.client;
    const el = this.gated;
    if (!client || !el) return;
    const category = el.getAttribute('data-ck-category')!;
    const service = el.getAttribute('data-ck-service');
    const prev = client.consent.get();
    const cat = client.config.categories.find((c) => c.id === category);
    const granted = [...new Set([...(prev?.granted ?? []), category])];
    const services = [...new Set([...(prev?.services ?? []), ...(service ? [service] : (cat?.services.map((s) => s.id) ?? []))])];
    const text = this.shadowRoot ? visibleText(this.shadowRoot) : '';
    await decide(client, { granted, services, action: 'custom', source: 'embed', text, locale: this.l10n.lang });
    this.requestUpdate();
  }

  protected override render() {
    const client = this.l10n.client;
    if (!this.pending || !client || !this.l10n.ready) return html`<slot></slot>`;
    const { t, dir, lang } = this.l10n;
    const el = this.gated!;
    const catId = el.getAttribute('data-ck-category') ?? '';
    const svcId = el.getAttribute('data-ck-service');
    const cat = client.config.categories.find((c) => c.id === catId);
    const svc = cat?.services.find((s) => s.id === svcId);
    const provider = this.provider ?? svc?.provider ?? svc?.name ?? '';
    const category = cat ? localize(cat.title, lang) : catId;
    return html`<div class="placeholder" part="placeholder" role="group" aria-labelledby="et" dir=${dir} lang=${lang}>
        <h2 id="et">${t('embedTitle', { provider })}</h2>
        <p>${t('embedBody', { provider, category })}</p>
        <div class="actions">
          <button class="choice" part="load-once" type="button" @click=${() => this.loadOnce()}>${t('loadOnce')}</button>
          ${cat ? html`<button class="choice" part="always-allow" type="button" @click=${() => void this.alwaysAllow()}>${t('alwaysAllow', { category })}</button>` : nothing}
        </div>
      </div>
      <div class="held"><slot></slot></div>`;
  }
}
