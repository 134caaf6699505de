import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { paths } from '@consentkit/core';
import { ConfirmResponse } from '@consentkit/core/wire';
import { NewsletterConfirmedEvent } from '../shared/events.js';
import { TokenActionElement } from '../shared/token-action.js';
import { styles } from './newsletter-confirm.styles.js';

type Confirmed = { status: 'confirmed'; lists: string[] };

/**
 * The double opt-in landing page: reads the token from the URL fragment (`#token=`) or query,
 * and confirms with `POST /v1/newsletter/confirm` only when the visitor presses the button, so
 * a mail scanner that opens the link confirms nothing. Then removes the token from the address
 * bar. An expired link offers to subscribe again.
 *
 * @summary Confirms a newsletter subscription (double opt-in) on a button press.
 * @fires ck-newsletter-confirmed - The subscription is confirmed (`lists`).
 * @csspart heading - The title.
 * @csspart status - The message (a live region).
 * @csspart button - The confirm button.
 * @csspart error - An error message.
 * @csspart again - The "subscribe again" link (expired token).
 * @cssprop --ck-newsletter-confirm-background - Background (default `--ck-color-surface`).
 * @cssprop --ck-newsletter-confirm-color - Text colour (default `--ck-color-text`).
 * @cssprop --ck-newsletter-confirm-accent - Button, links, focus ring (default `--ck-color-primary`).
 * @cssprop --ck-newsletter-confirm-on-accent - Text on the accent colour (default `--ck-color-on-primary`).
 * @cssprop --ck-newsletter-confirm-border-color - Border (default `--ck-color-border`).
 * @cssprop --ck-newsletter-confirm-error-color - Error text (default `--ck-color-danger`).
 * @cssprop --ck-newsletter-confirm-radius - Corner radius (default `--ck-radius`).
 * @cssprop --ck-newsletter-confirm-font - Font family (default `--ck-font-family`).
 * @cssprop --ck-newsletter-confirm-font-size - Font size (default `--ck-font-size`).
 * @cssprop --ck-newsletter-confirm-padding - Inner padding (default 1rem).
 */
export class CkNewsletterConfirm extends TokenActionElement<Confirmed> {
  static override styles = styles;
  /** Where the sign-up form is, offered when the link has expired. */
  @property({ attribute: 'subscribe-href' }) subscribeHref: string | undefined;

  protected readonly strings = 'confirm' as const;
  protected readonly path = paths.confirm();
  protected readonly schema = ConfirmResponse;

  protected done(result: Confirmed): void {
    this.dispatchEvent(new NewsletterConfirmedEvent(result.lists));
  }

  protected renderDone() {
    return html`<p>${this.l10n.t('confirm.done')}</p>`;
  }

  protected override renderExpired() {
    const { t } = this.l10n;
    return html`<p>${t('confirm.expired')}</p>
      ${this.subscribeHref
        ? html`<p><a part="again" href=${this.subscribeHref}>${t('confirm.again')}</a></p>`
        : html`<p>${t('confirm.againHint')}</p>`}${nothing}`;
  }
}
