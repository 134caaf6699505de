import { html } from 'lit';
import { paths } from '@consentkit/core';
import { UnsubscribeResponse } from '@consentkit/core/wire';
import { NewsletterUnsubscribedEvent } from '../shared/events.js';
import { TokenActionElement } from '../shared/token-action.js';
import { styles } from './newsletter-unsubscribe.styles.js';

/**
 * One-click unsubscribe on the landing page of a mail's unsubscribe link: reads the token from
 * the URL fragment (`#token=`) or query, unsubscribes with `POST /v1/newsletter/unsubscribe`
 * when the visitor presses the one button (no login, nothing to type), then removes the token
 * from the address bar. (Mail clients use the RFC 8058 one-click header instead.)
 *
 * @summary One-click newsletter unsubscribe.
 * @fires ck-newsletter-unsubscribed - The address is unsubscribed.
 * @csspart heading - The title.
 * @csspart status - The message (a live region).
 * @csspart button - The unsubscribe button.
 * @csspart error - An error message.
 * @cssprop --ck-newsletter-unsubscribe-background - Background (default `--ck-color-surface`).
 * @cssprop --ck-newsletter-unsubscribe-color - Text colour (default `--ck-color-text`).
 * @cssprop --ck-newsletter-unsubscribe-accent - Button, links, focus ring (default `--ck-color-primary`).
 * @cssprop --ck-newsletter-unsubscribe-on-accent - Text on the accent colour (default `--ck-color-on-primary`).
 * @cssprop --ck-newsletter-unsubscribe-border-color - Border (default `--ck-color-border`).
 * @cssprop --ck-newsletter-unsubscribe-error-color - Error text (default `--ck-color-danger`).
 * @cssprop --ck-newsletter-unsubscribe-radius - Corner radius (default `--ck-radius`).
 * @cssprop --ck-newsletter-unsubscribe-font - Font family (default `--ck-font-family`).
 * @cssprop --ck-newsletter-unsubscribe-font-size - Font size (default `--ck-font-size`).
 * @cssprop --ck-newsletter-unsubscribe-padding - Inner padding (default 1rem).
 */
export class CkNewsletterUnsubscribe extends TokenActionElement<{ status: 'unsubscribed' }> {
  static override styles = styles;
  protected readonly strings = 'unsubscribe' as const;
  protected readonly path = paths.unsubscribe();
  protected readonly schema = UnsubscribeResponse;

  protected done(): void {
    this.dispatchEvent(new NewsletterUnsubscribedEvent());
  }

  protected renderDone() {
    return html`<p>${this.l10n.t('unsubscribe.done')}</p>`;
  }
}
