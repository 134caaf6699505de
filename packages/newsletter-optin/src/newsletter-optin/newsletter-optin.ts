import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { newIdempotencyKey, paths, RateLimitedError, sha256Hex, ValidationError, NetworkError, type Client } from '@consentkit/core';
import { LocalizeController } from '@consentkit/core/lit';
import { SubscribeResponse, type SubscribeRequest } from '@consentkit/core/wire';
import { NewsletterPendingEvent } from '../shared/events.js';
import { loaders, NS } from '../shared/locales.js';
import { styles } from './newsletter-optin.styles.js';

type Phase = 'form' | 'sending' | 'pending';
type Field = 'email' | 'consent';

let counter = 0;
// Deliberately simple: the server validates for real; this catches typos before the round trip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Double opt-in newsletter form: the email address only, an unticked consent box with the
 * purpose text, the short privacy notice (`<ck-privacy-notice purpose="newsletter">`) and a
 * honeypot hidden from people and assistive technology. After submit it always says "check your
 * inbox" (the server's answer never reveals whether an address is known) and offers to send the
 * mail again after a cooldown. Talks to `POST /v1/newsletter/subscriptions` through the client.
 *
 * @summary Newsletter sign-up with double opt-in.
 * @fires ck-newsletter-pending - The request was accepted; a confirmation mail is on its way (`list`, `resend`).
 * @csspart form - The form.
 * @csspart email - The email input.
 * @csspart consent - The consent checkbox.
 * @csspart submit - The subscribe button.
 * @csspart error - A field or form error message.
 * @csspart notice - The privacy notice.
 * @csspart pending - The "check your inbox" panel.
 * @csspart resend - The "send the mail again" button.
 * @cssprop --ck-newsletter-optin-background - Background (default `--ck-color-surface`).
 * @cssprop --ck-newsletter-optin-color - Text colour (default `--ck-color-text`).
 * @cssprop --ck-newsletter-optin-muted-color - Secondary text (default `--ck-color-muted`).
 * @cssprop --ck-newsletter-optin-accent - Buttons, links, focus ring (default `--ck-color-primary`).
 * @cssprop --ck-newsletter-optin-on-accent - Text on the accent colour (default `--ck-color-on-primary`).
 * @cssprop --ck-newsletter-optin-border-color - Field borders (default `--ck-color-border`).
 * @cssprop --ck-newsletter-optin-error-color - Error text (default `--ck-color-danger`).
 * @cssprop --ck-newsletter-optin-radius - Corner radius (default `--ck-radius`).
 * @cssprop --ck-newsletter-optin-font - Font family (default `--ck-font-family`).
 * @cssprop --ck-newsletter-optin-font-size - Font size (default `--ck-font-size`).
 * @cssprop --ck-newsletter-optin-padding - Inner padding (default 1rem).
 * @slot heading - Optional heading/intro above the form.
 */
export class CkNewsletterOptin extends LitElement {
  static override styles = styles;

  /** Site id; defaults to the client's `config.site`. */
  @property({ reflect: true }) site: string | undefined;
  /** The list to subscribe to (an id from the server's config). */
  @property({ reflect: true }) list = '';
  /** The list's name in the consent text (default: "the newsletter"). */
  @property({ attribute: 'list-name' }) listName: string | undefined;
  /** Form id and version, stored with the proof of consent. */
  @property({ attribute: 'form-id' }) formId = 'default';
  @property({ attribute: 'form-version' }) formVersion = '1';
  /** Seconds before "send the mail again" is offered (default 60). */
  @property({ type: Number }) cooldown = 60;
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;
  /** The consentkit client; when unset, taken from context (`provideClient`). */
  @property({ attribute: false }) client: Client | undefined;

  @state() private phase: Phase = 'form';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private formError = '';
  @state() private email = '';
  @state() private consent = false;
  @state() private wait = 0;
  @state() private resent = false;
  @query('#email') private emailInput!: HTMLInputElement;
  @query('#consent') private consentInput!: HTMLInputElement;
  @query('#website') private honeypot!: HTMLInputElement;
  @query('.pending h2') private pendingHeading!: HTMLElement;

  private readonly l10n = new LocalizeController(this, NS, loaders);
  private readonly uid = `ck-nl-${++counter}`;
  private noticeVersion: string | undefined;
  private lastRequest: SubscribeRequest | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.list) console.warn('<ck-newsletter-optin>: set the list attribute to a list id from the server config, e.g. list="news"');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) void this.l10n.load();
  }

  private get consentText(): string {
    return this.l10n.t('consent', { list: this.listName ?? this.l10n.t('defaultList') });
  }

  override render() {
    return html`<div class="box" lang=${this.l10n.lang} dir=${this.l10n.dir}>
      <slot name="heading"></slot>
      ${this.phase === 'pending' ? this.renderPending() : this.renderForm()}
    </div>`;
  }

  private renderForm() {
    const { t } = this.l10n;
    const id = this.uid;
    const busy = this.phase === 'sending';
    return html`<form part="form" novalidate @submit=${this.onSubmit} aria-describedby="${id}-legend">
      <p class="legend" id="${id}-legend">${t('required')}</p>
      <div class="field">
        <label for="email">${t('email')} <span aria-hidden="true">*</span></label>
        <input
          id="email"
          part="email"
          type="email"
          name="email"
          autocomplete="email"
          inputmode="email"
          maxlength="254"
          required
          aria-required="true"
          aria-invalid=${this.errors.email ? 'true' : 'false'}
          aria-describedby="email-error"
          .value=${this.email}
          @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)}
        />
        <span id="email-error" class="error" part="error">${this.errors.email ?? ''}</span>
      </div>
      <div class="consent">
        <input
          id="consent"
          part="consent"
          type="checkbox"
          name="consent"
          required
          aria-required="true"
          aria-invalid=${this.errors.consent ? 'true' : 'false'}
          aria-describedby="consent-error"
          .checked=${this.consent}
          @change=${(e: Event) => (this.consent = (e.target as HTMLInputElement).checked)}
        />
        <label for="consent" id="consent-text">${this.consentText} <span aria-hidden="true">*</span></label>
        <span id="consent-error" class="error" part="error">${this.errors.consent ?? ''}</span>
      </div>
      <div class="hp" aria-hidden="true" inert>
        <label for="website">${t('honeypot')}</label>
        <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
      </div>
      <ck-privacy-notice
        part="notice"
        purpose="newsletter"
        .site=${this.site}
        .client=${this.client}
        theme=${this.theme ?? nothing}
        @ck-privacy-notice-load=${(e: Event) => (this.noticeVersion = (e.target as { version?: string }).version)}
      ></ck-privacy-notice>
      <p class="error" part="error" role="alert">${this.formError}</p>
      <div class="actions">
        <button part="submit" type="submit" aria-disabled=${busy ? 'true' : 'false'}>${busy ? t('busy') : t('submit')}</button>
      </div>
    </form>`;
  }

  private renderPending() {
    const { t } = this.l10n;
    return html`<div class="pending" part="pending">
      <h2 tabindex="-1">${t('pending.title')}</h2>
      <p>${t('pending.body', { email: this.email.trim() })}</p>
      <p class="status" role="status">${this.resent ? t('pending.resent') : ''}</p>
      <p class="error" part="error" role="alert">${this.formError}</p>
      <p class="wait" id="wait">${this.wait > 0 ? t('pending.wait', { seconds: this.wait }) : ''}</p>
      <div class="actions">
        <button part="resend" type="button" aria-disabled=${this.wait > 0 ? 'true' : 'false'} aria-describedby="wait" @click=${this.onResend}>${t('pending.resend')}</button>
        <button class="secondary" type="button" @click=${this.onChange}>${t('pending.change')}</button>
      </div>
    </div>`;
  }

  /** Client-side checks; returns the errors (empty when fine). */
  private check(): Partial<Record<Field, string>> {
    const { t } = this.l10n;
    const errors: Partial<Record<Field, string>> = {};
    const email = this.email.trim();
    if (!email) errors.email = t('errors.emailMissing');
    else if (!EMAIL.test(email) || email.length > 254) errors.email = t('errors.emailInvalid');
    if (!this.consent) errors.consent = t('errors.consentMissing');
    return errors;
  }

  private async onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.phase === 'sending') return;
    this.formError = '';
    this.errors = this.check();
    if (Object.keys(this.errors).length) {
      await this.updateComplete;
      (this.errors.email ? this.emailInput : this.consentInput).focus();
      return;
    }
    const client = this.l10n.client;
    if (!client) {
      this.formError = this.l10n.t('errors.server');
      return;
    }
    const website = this.honeypot?.value;
    const request: SubscribeRequest = {
      site: this.site ?? client.config.site,
      list: this.list,
      email: this.email.trim(),
      consent: true,
      consentTextHash: await sha256Hex(this.consentText),
      ...(this.noticeVersion ? { noticeVersion: this.noticeVersion } : {}),
      formId: this.formId,
      formVersion: this.formVersion,
      locale: this.l10n.lang,
      pagePath: location.pathname,
      ...(website ? { website } : {}),
    };
    await this.send(client, request, false);
  }

  private async send(client: Client, request: SubscribeRequest, resend: boolean): Promise<void> {
    const before = this.phase;
    this.phase = before === 'pending' ? 'pending' : 'sending';
    try {
      // One retry on a lost connection only, under the same Idempotency-Key (the server replays
      // its answer, so no second mail). No automatic retry of a 429: the visitor would wait for
      // the whole Retry-After; the message says to try later instead.
      const key = newIdempotencyKey();
      const post = () => client.transport.request({ path: paths.subscribe(), body: request, schema: SubscribeResponse, idempotencyKey: key, retries: 0 });
      await post().catch((e: unknown) => (e instanceof NetworkError && e.code !== 'aborted' ? post() : Promise.reject(e)));
    } catch (error) {
      this.phase = before;
      this.showError(error);
      return;
    }
    this.lastRequest = request;
    this.phase = 'pending';
    this.resent = resend;
    this.startCooldown();
    this.dispatchEvent(new NewsletterPendingEvent(request.list, resend));
    if (!resend) {
      await this.updateComplete;
      this.pendingHeading?.focus();
    }
  }

  private showError(error: unknown): void {
    const { t } = this.l10n;
    if (error instanceof ValidationError) {
      const errors: Partial<Record<Field, string>> = {};
      if (error.issuesFor('email').length) errors.email = t('errors.emailInvalid');
      if (error.issuesFor('consent').length) errors.consent = t('errors.consentMissing');
      this.errors = errors;
      this.formError = Object.keys(errors).length ? '' : t('errors.invalid');
      if (errors.email && this.phase === 'form') void this.updateComplete.then(() => this.emailInput?.focus());
    } else if (error instanceof RateLimitedError) {
      this.formError = t('errors.rateLimited');
    } else if (error instanceof NetworkError) {
      this.formError = t('errors.network');
    } else {
      this.formError = t('errors.server');
    }
  }

  private startCooldown(): void {
    clearInterval(this.timer);
    this.wait = Math.max(0, Math.round(this.cooldown));
    if (!this.wait) return;
    this.timer = setInterval(() => {
      this.wait = Math.max(0, this.wait - 1);
      if (!this.wait) clearInterval(this.timer);
    }, 1000);
  }

  private async onResend(): Promise<void> {
    const client = this.l10n.client;
    if (this.wait > 0 || !client || !this.lastRequest) return;
    this.formError = '';
    await this.send(client, this.lastRequest, true);
  }

  private async onChange(): Promise<void> {
    clearInterval(this.timer);
    this.wait = 0;
    this.resent = false;
    this.formError = '';
    this.consent = false; // a new address is a new consent: nothing pre-ticked
    this.phase = 'form';
    await this.updateComplete;
    this.emailInput?.focus();
  }
}
