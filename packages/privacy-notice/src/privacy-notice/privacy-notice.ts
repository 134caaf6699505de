import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state, query } from 'lit/decorators.js';
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import type { Client } from '@consentkit/core';
import { paths } from '@consentkit/core';
import { LocalizeController } from '@consentkit/core/lit';
import { PrivacyNotice, type NoticePurpose } from '@consentkit/core/wire';
import { styles } from './privacy-notice.styles.js';

const loaders = {
  en: () => import('../locales/en.json'),
  fr: () => import('../locales/fr.json'),
  de: () => import('../locales/de.json'),
  es: () => import('../locales/es.json'),
  it: () => import('../locales/it.json'),
  nl: () => import('../locales/nl.json'),
  pt: () => import('../locales/pt.json'),
  pl: () => import('../locales/pl.json'),
  ar: () => import('../locales/ar.json'),
  he: () => import('../locales/he.json'),
};

/** Fired once the notice data is loaded (read it from `el.notice`, its hash from `el.version`). */
export class PrivacyNoticeLoadEvent extends Event {
  static readonly type = 'ck-privacy-notice-load';
  constructor() {
    super(PrivacyNoticeLoadEvent.type, { bubbles: true, composed: true });
  }
}
/** Fired when the notice could not be loaded (`error` is the transport's typed error). */
export class PrivacyNoticeErrorEvent extends Event {
  static readonly type = 'ck-privacy-notice-error';
  readonly error: unknown;
  constructor(error: unknown) {
    super(PrivacyNoticeErrorEvent.type, { bubbles: true, composed: true });
    this.error = error;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-privacy-notice-load': PrivacyNoticeLoadEvent;
    'ck-privacy-notice-error': PrivacyNoticeErrorEvent;
  }
}

let counter = 0;

/**
 * The GDPR Art. 13 privacy notice at the point of collection, layered (WP260): a short notice
 * that is always visible (controller, purpose, legal basis, rights, links) and the full notice
 * in a popover positioned with @floating-ui/dom (Escape or Close closes it, focus returns).
 * The notice data comes from `GET /v1/sites/{site}/privacy-notice?purpose=&locale=` through the
 * client's transport; its `version` hash is what forms send as `noticeVersion`.
 *
 * @summary Layered privacy notice (GDPR Art. 13) for a form.
 * @fires ck-privacy-notice-load - The notice data is loaded (`el.notice`, `el.version`).
 * @fires ck-privacy-notice-error - The notice could not be loaded.
 * @csspart short - The always-visible short notice.
 * @csspart more - The button that opens the full notice.
 * @csspart policy-link - The link to the full privacy policy.
 * @csspart popover - The full notice popover.
 * @csspart close - The popover's close button.
 * @cssprop --ck-privacy-notice-background - Popover background (default `--ck-color-surface`).
 * @cssprop --ck-privacy-notice-color - Text colour (default `--ck-color-text`).
 * @cssprop --ck-privacy-notice-muted-color - Short notice text colour (default `--ck-color-muted`).
 * @cssprop --ck-privacy-notice-accent - Links and focus ring (default `--ck-color-primary`).
 * @cssprop --ck-privacy-notice-border-color - Popover border (default `--ck-color-border`).
 * @cssprop --ck-privacy-notice-radius - Corner radius (default `--ck-radius`).
 * @cssprop --ck-privacy-notice-font - Font family (default `--ck-font-family`).
 * @cssprop --ck-privacy-notice-font-size - Font size (default `--ck-font-size-small`).
 * @cssprop --ck-privacy-notice-popover-width - Popover width (default 32rem).
 */
export class CkPrivacyNotice extends LitElement {
  static override styles = styles;

  /** Site id; defaults to the client's `config.site`. */
  @property({ reflect: true }) site: string | undefined;
  /** Which processing the form is for. */
  @property({ reflect: true }) purpose: NoticePurpose = 'booking';
  /** `light` or `dark` forces a colour scheme; otherwise it follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;
  /** The consentkit client; when unset, taken from context (`provideClient`). */
  @property({ attribute: false }) client: Client | undefined;
  /** The notice data (loaded from the server; may be set directly, which skips loading). */
  @property({ attribute: false }) notice: PrivacyNotice | undefined;

  @state() private open = false;
  @state() private failed = false;
  @query('.more') private trigger!: HTMLButtonElement | null;
  @query('.popover') private panel!: HTMLElement | null;

  private readonly l10n = new LocalizeController(this, 'privacy-notice', loaders);
  private readonly uid = `ckpn${++counter}`;
  private loadedKey: string | undefined;
  private manual = false;
  private settingFromLoad = false;
  private cleanupPosition: (() => void) | undefined;

  /** Hash of the notice shown (send it as `noticeVersion`); undefined until loaded. */
  get version(): string | undefined {
    return this.notice?.version;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPositioning();
    document.removeEventListener('pointerdown', this.onOutside, true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('notice') && !this.settingFromLoad && this.notice !== undefined) this.manual = true;
    if (changed.has('client')) void this.l10n.load();
  }

  protected override updated(): void {
    if (this.manual || !this.l10n.ready) return;
    const client = this.l10n.client;
    const site = this.site ?? client?.config.site;
    if (!client || !site) return;
    const key = `${site}|${this.purpose}|${this.l10n.lang}`;
    if (key === this.loadedKey) return;
    this.loadedKey = key;
    void this.load(client, site, key);
  }

  /** Reload the notice (e.g. after a failure). */
  async reload(): Promise<void> {
    this.loadedKey = undefined;
    this.manual = false;
    this.failed = false;
    this.requestUpdate();
  }

  private async load(client: Client, site: string, key: string): Promise<void> {
    this.failed = false;
    try {
      const notice = await client.transport.request({
        path: paths.privacyNotice(site),
        query: { purpose: this.purpose, locale: this.l10n.lang },
        schema: PrivacyNotice,
      });
      if (key !== this.loadedKey || this.manual) return;
      this.settingFromLoad = true;
      this.notice = notice;
      await this.updateComplete;
      this.settingFromLoad = false;
      this.dispatchEvent(new PrivacyNoticeLoadEvent());
    } catch (error) {
      if (key !== this.loadedKey) return;
      this.failed = true;
      this.dispatchEvent(new PrivacyNoticeErrorEvent(error));
    }
  }

  /** Open the full notice. */
  async show(): Promise<void> {
    if (!this.notice || this.open) return;
    this.open = true;
    await this.updateComplete;
    const pop = this.panel;
    const trigger = this.trigger;
    if (!pop || !trigger) return;
    pop.showPopover?.();
    this.cleanupPosition = autoUpdate(trigger, pop, () => void this.position(trigger, pop));
    document.addEventListener('pointerdown', this.onOutside, true);
    pop.focus();
  }

  /** Close the full notice; focus returns to its button when `restoreFocus`. */
  hide(restoreFocus = true): void {
    if (!this.open) return;
    this.open = false;
    this.stopPositioning();
    document.removeEventListener('pointerdown', this.onOutside, true);
    const pop = this.panel;
    if (pop?.matches(':popover-open')) pop.hidePopover();
    if (restoreFocus) this.trigger?.focus();
  }

  private stopPositioning(): void {
    this.cleanupPosition?.();
    this.cleanupPosition = undefined;
  }

  private async position(trigger: HTMLElement, pop: HTMLElement): Promise<void> {
    const { x, y } = await computePosition(trigger, pop, {
      strategy: 'fixed',
      placement: 'top-start',
      middleware: [
        offset(6),
        flip({ fallbackPlacements: ['bottom-start', 'top-end', 'bottom-end'] }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight, elements }) {
            elements.floating.style.maxHeight = `${Math.max(160, Math.floor(availableHeight))}px`;
          },
        }),
      ],
    });
    Object.assign(pop.style, { left: `${x}px`, top: `${y}px` });
  }

  private readonly onOutside = (e: Event): void => {
    if (!e.composedPath().includes(this)) this.hide(false);
  };

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.open) {
      e.stopPropagation();
      e.preventDefault();
      this.hide();
    }
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    const n = this.notice;
    const dir = this.l10n.dir;
    if (!n) {
      if (this.failed)
        return html`<p role="alert" part="short" dir=${dir}>
          ${t('error')} <button type="button" class="more" @click=${() => void this.reload()}>${t('retry')}</button>
        </p>`;
      return html`<p role="status" part="short" dir=${dir}>${this.l10n.ready ? t('loading') : ''}</p>`;
    }
    const list = (items: string[]) => new Intl.ListFormat(this.l10n.lang, { type: 'conjunction' }).format(items);
    const main = n.purposes[0];
    return html`<div class="short" part="short" dir=${dir} @keydown=${this.onKeydown}>
        <dl>
          <dt>${t('controller')}</dt>
          <dd data-item="controller">${n.controller.name}</dd>
          <dt>${t('purpose')}</dt>
          <dd data-item="purpose">${n.purposes.map((p) => p.description).join(' ')}</dd>
          <dt>${t('legalBasis')}</dt>
          <dd data-item="legal-basis">${main ? main.legalBasis : ''}</dd>
          <dt>${t('rights')}</dt>
          <dd data-item="rights">${list(n.rights)}</dd>
        </dl>
        <div class="links">
          <button
            type="button"
            class="more"
            part="more"
            aria-haspopup="dialog"
            aria-expanded=${this.open ? 'true' : 'false'}
            aria-controls=${`${this.uid}-full`}
            @click=${() => (this.open ? this.hide() : void this.show())}
          >
            ${t('more')}
          </button>
          <a href=${n.policyUrl} part="policy-link" target="_blank" rel="noopener">${t('policy')}</a>
        </div>
        ${this.renderFull(n, list)}
      </div>`;
  }

  private renderFull(n: PrivacyNotice, list: (items: string[]) => string): TemplateResult {
    const { t } = this.l10n;
    const contact = (c: NonNullable<PrivacyNotice['dpo']>) =>
      html`${c.name}${c.address ? html`, ${c.address}` : nothing}${c.email ? html`, <a href=${`mailto:${c.email}`}>${c.email}</a>` : nothing}${c.phone
        ? html`, ${c.phone}`
        : nothing}${c.url ? html`, <a href=${c.url} target="_blank" rel="noopener">${c.url}</a>` : nothing}`;
    const interests = n.purposes.filter((p) => p.legitimateInterest);
    return html`<div
      id=${`${this.uid}-full`}
      class="popover full"
      part="popover"
      popover="manual"
      role="dialog"
      aria-modal="false"
      aria-labelledby=${`${this.uid}-title`}
      tabindex="-1"
      dir=${this.l10n.dir}
      @keydown=${this.onKeydown}
    >
      <div class="head">
        <h2 id=${`${this.uid}-title`}>${t('title')}</h2>
        <button type="button" class="close" part="close" @click=${() => this.hide()}>${t('close')}</button>
      </div>
      ${this.open
        ? html`<dl>
            <dt>${t('controller')}</dt>
            <dd data-art="13-1-a">${contact(n.controller)}</dd>
            ${n.representative
              ? html`<dt>${t('representative')}</dt>
                  <dd data-art="13-1-a-representative">${contact(n.representative)}</dd>`
              : nothing}
            <dt>${t('dpo')}</dt>
            <dd data-art="13-1-b">${n.dpo ? contact(n.dpo) : t('noDpo')}</dd>
            <dt>${t('purposes')}</dt>
            <dd data-art="13-1-c">
              <ul>
                ${n.purposes.map((p) => html`<li>${p.description} (${t('legalBasis')}: ${p.legalBasis})</li>`)}
              </ul>
            </dd>
            <dt>${t('legitimateInterests')}</dt>
            <dd data-art="13-1-d">${interests.length ? interests.map((p) => p.legitimateInterest).join(' ') : t('noLegitimateInterest')}</dd>
            <dt>${t('recipients')}</dt>
            <dd data-art="13-1-e">${n.recipients.length ? list(n.recipients) : t('noRecipients')}</dd>
            <dt>${t('transfers')}</dt>
            <dd data-art="13-1-f">${n.transfers}</dd>
            <dt>${t('retention')}</dt>
            <dd data-art="13-2-a">${n.retention}</dd>
            <dt>${t('rights')}</dt>
            <dd data-art="13-2-b">
              <ul>
                ${n.rights.map((r) => html`<li>${r}</li>`)}
              </ul>
            </dd>
            <dt>${t('withdrawal')}</dt>
            <dd data-art="13-2-c">${n.withdrawal}</dd>
            <dt>${t('complaint')}</dt>
            <dd data-art="13-2-d">
              ${n.complaint.authority}${n.complaint.url
                ? html`, <a href=${n.complaint.url} target="_blank" rel="noopener">${n.complaint.url}</a>`
                : nothing}
            </dd>
            <dt>${t('requirement')}</dt>
            <dd data-art="13-2-e">${n.requirement}</dd>
            <dt>${t('automatedDecisions')}</dt>
            <dd data-art="13-2-f">${n.automatedDecisions}</dd>
          </dl>
          <p><a href=${n.policyUrl} target="_blank" rel="noopener">${t('policy')}</a></p>`
        : nothing}
    </div>`;
  }
}
