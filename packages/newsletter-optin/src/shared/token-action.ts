import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { NetworkError, RequestError, type Client, type Schema } from '@consentkit/core';
import { LocalizeController } from '@consentkit/core/lit';
import { loaders, NS } from './locales.js';
import { forgetTokenInUrl, tokenFromUrl } from './token.js';

export type TokenPhase = 'ready' | 'busy' | 'done' | 'expired' | 'invalid' | 'missing';

/**
 * Shared behaviour of the landing-page elements: read the mail token from the URL (fragment or
 * query), act only when the visitor presses the button (a page load or a GET never does), then
 * remove the token from the address bar.
 */
export abstract class TokenActionElement<R> extends LitElement {
  /** The token; default: `#token=` (or `?token=`) of the page URL. */
  @property() token: string | undefined;
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;
  /** The consentkit client; when unset, taken from context (`provideClient`). */
  @property({ attribute: false }) client: Client | undefined;

  @state() protected phase: TokenPhase = 'ready';
  @state() protected error = '';
  @query('h2') private heading!: HTMLElement;

  protected readonly l10n = new LocalizeController(this, NS, loaders);
  protected abstract readonly strings: 'confirm' | 'unsubscribe';
  protected abstract readonly path: string;
  protected abstract readonly schema: Schema<R>;
  protected abstract done(result: R): void;
  protected abstract renderDone(): unknown;
  protected renderExpired(): unknown {
    return html`<p>${this.l10n.t(`${this.strings}.expired`)}</p>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.token ??= tokenFromUrl();
    if (!this.token) this.phase = 'missing';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) void this.l10n.load();
    if (changed.has('token') && this.token && this.phase === 'missing') this.phase = 'ready';
  }

  override render() {
    const { t } = this.l10n;
    const p = this.strings;
    const title = this.phase === 'done' ? t(`${p}.doneTitle`) : t(`${p}.title`);
    return html`<div class="box" lang=${this.l10n.lang} dir=${this.l10n.dir}>
      <h2 tabindex="-1" part="heading">${title}</h2>
      <div role="status" part="status">${this.renderBody()}</div>
      <p class="error" part="error" role="alert">${this.error}</p>
      ${this.phase === 'ready' || this.phase === 'busy'
        ? html`<div class="actions">
            <button part="button" type="button" aria-disabled=${this.phase === 'busy' ? 'true' : 'false'} @click=${this.act}>
              ${this.phase === 'busy' ? t(`${p}.busy`) : t(`${p}.button`)}
            </button>
          </div>`
        : nothing}
    </div>`;
  }

  private renderBody() {
    const { t } = this.l10n;
    switch (this.phase) {
      case 'done':
        return this.renderDone();
      case 'expired':
        return this.renderExpired();
      case 'invalid':
        return html`<p>${t(`${this.strings}.invalid`)}</p>`;
      case 'missing':
        return html`<p>${t(`${this.strings}.missing`)}</p>`;
      default:
        return html`<p>${t(`${this.strings}.body`)}</p>`;
    }
  }

  private async act(): Promise<void> {
    const client = this.l10n.client;
    if (this.phase !== 'ready' || !this.token || !client) return;
    this.phase = 'busy';
    this.error = '';
    try {
      const result = await client.transport.request({ path: this.path, body: { token: this.token }, schema: this.schema });
      this.phase = 'done';
      this.finish();
      this.done(result);
    } catch (error) {
      if (error instanceof RequestError && error.status === 410) {
        this.phase = 'expired';
        this.finish();
      } else if (error instanceof RequestError || (error as { status?: number }).status === 400) {
        this.phase = 'invalid';
        this.finish();
      } else {
        this.phase = 'ready';
        this.error = this.l10n.t(error instanceof NetworkError ? 'errors.network' : 'errors.server');
      }
    }
  }

  /** A final answer: the token has done its job; take it out of the address bar and history. */
  private async finish(): Promise<void> {
    forgetTokenInUrl();
    await this.updateComplete;
    this.heading?.focus();
  }
}
