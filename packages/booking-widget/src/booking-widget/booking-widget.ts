import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Client } from '@consentkit/core';
import { ConflictError, NetworkError, RateLimitedError, ValidationError, newIdempotencyKey, paths } from '@consentkit/core';
import { LocalizeController } from '@consentkit/core/lit';
import {
  BookingRequest,
  BookingResponse,
  ServicesResponse,
  SlotsResponse,
  type BookingField,
  type BookingService,
  type Slot,
} from '@consentkit/core/wire';
import type { CkPrivacyNotice } from '@consentkit/privacy-notice';
import { styles } from './booking-widget.styles.js';
import {
  addDays,
  addMonths,
  dateIn,
  detectTimeZone,
  firstDayOfWeek,
  firstOfMonth,
  lastOfMonth,
  monthMatrix,
  monthOf,
  noon,
  weekdayOf,
} from './dates.js';
import { icsFor } from './ics.js';

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

export const FIELDS: readonly BookingField[] = ['firstName', 'lastName', 'email', 'company', 'jobTitle', 'subject', 'message'];

/** What `ck-booking-confirmed` carries (the cancel token stays inside the widget). */
export interface ConfirmedBooking {
  id: string;
  service: string;
  start: string;
  end: string;
  timezone: string;
}

/** Fired when a booking is confirmed by the server. */
export class BookingConfirmedEvent extends Event {
  static readonly type = 'ck-booking-confirmed';
  readonly booking: ConfirmedBooking;
  constructor(booking: ConfirmedBooking) {
    super(BookingConfirmedEvent.type, { bubbles: true, composed: true });
    this.booking = booking;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-booking-confirmed': BookingConfirmedEvent;
  }
}

type Step = 'service' | 'time' | 'form' | 'done';
type Values = Record<BookingField, string>;

let counter = 0;

/**
 * Appointment booking: service → day (month grid, full keyboard) → time (in the visitor's time
 * zone, switchable) → the form (asterisked required fields with a legend before the first, the
 * Art. 13 notice above the submit button) → confirmation with an .ics file and a cancel link.
 * Talks to the API only through the client's transport; no personal data ever goes in a URL.
 *
 * @summary Appointment booking widget.
 * @fires ck-booking-confirmed - A booking was confirmed (`event.booking`: id, service, start, end, timezone).
 * @slot trigger - In `popup` mode, the element that opens the widget (e.g. a button).
 * @csspart panel - The widget's box.
 * @csspart heading - Each step's heading.
 * @csspart service - A service choice button.
 * @csspart calendar - The month grid (a `table`).
 * @csspart day - A day cell.
 * @csspart slot - A time button.
 * @csspart field - A form field wrapper.
 * @csspart input - A form control.
 * @csspart error - A field or form error message.
 * @csspart submit - The submit button.
 * @csspart button - Secondary buttons (back, change, month navigation, retry).
 * @csspart floating-button - The floating button in `floating` mode.
 * @csspart dialog - The dialog in `popup` and `floating` modes.
 * @cssprop --ck-booking-widget-background - Background (default `--ck-color-surface`).
 * @cssprop --ck-booking-widget-color - Text colour (default `--ck-color-text`).
 * @cssprop --ck-booking-widget-muted-color - Secondary text (default `--ck-color-muted`).
 * @cssprop --ck-booking-widget-accent - Buttons, selection and focus ring (default `--ck-color-primary`).
 * @cssprop --ck-booking-widget-accent-text - Text on the accent colour (default `--ck-color-on-primary`).
 * @cssprop --ck-booking-widget-border-color - Borders (default `--ck-color-border`).
 * @cssprop --ck-booking-widget-error-color - Error text and borders (default `--ck-color-error`).
 * @cssprop --ck-booking-widget-radius - Corner radius (default `--ck-radius`).
 * @cssprop --ck-booking-widget-font - Font family (default `--ck-font-family`).
 * @cssprop --ck-booking-widget-max-width - Width of the widget (default 40rem).
 */
export class CkBookingWidget extends LitElement {
  static override styles = styles;

  /** Site id; defaults to the client's `config.site`. */
  @property({ reflect: true }) site: string | undefined;
  /** Preselected service id (skips the service choice). */
  @property({ reflect: true }) service: string | undefined;
  /** `inline` (default), `popup` (opened by the slotted `trigger`), or `floating` (a fixed button). */
  @property({ reflect: true }) mode: 'inline' | 'popup' | 'floating' = 'inline';
  /** `light` or `dark` forces a colour scheme; otherwise it follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;
  /** The visitor's IANA time zone; detected from the browser when unset. */
  @property({ reflect: true }) timezone: string | undefined;
  /** The consentkit client; when unset, taken from context (`provideClient`). */
  @property({ attribute: false }) client: Client | undefined;

  @state() private step: Step = 'service';
  @state() private services: BookingService[] | undefined;
  @state() private loadError: 'services' | 'slots' | undefined;
  @state() private month = '';
  @state() private slots: Slot[] | undefined;
  @state() private focusDate = '';
  @state() private selectedDate: string | undefined;
  @state() private selectedSlot: Slot | undefined;
  @state() private values: Values = { firstName: '', lastName: '', email: '', company: '', jobTitle: '', subject: '', message: '' };
  @state() private errors: Partial<Record<BookingField, string>> = {};
  @state() private formError: string | undefined;
  @state() private notice: string | undefined;
  @state() private submitting = false;
  @state() private booking: (BookingResponse & { timezone: string }) | undefined;
  @state() private status = '';
  @state() private dialogOpen = false;

  private readonly l10n = new LocalizeController(this, 'booking-widget', loaders);
  private readonly uid = `ckbw${++counter}`;
  private loadedFor: string | undefined;
  private slotsTicket = 0;
  private focusAfterRender: string | undefined;
  private idempotency: { key: string; body: string } | undefined;
  private icsUrl: string | undefined;
  private preselected = false;
  private renderedStep: Step | undefined;

  /** The visitor's time zone in use. */
  get tz(): string {
    return this.timezone || detectTimeZone();
  }

  private get current(): BookingService | undefined {
    return this.services?.find((s) => s.id === this.service) ?? (this.services?.length === 1 ? this.services[0] : undefined);
  }

  /** Open the widget (popup and floating modes). */
  show(): void {
    this.dialogOpen = true;
    void this.updateComplete.then(() => {
      const d = this.renderRoot.querySelector('dialog');
      if (d && !d.open) d.showModal();
      this.focusAfterRender = 'heading';
      this.applyFocus();
    });
  }

  /** Close the widget (popup and floating modes). */
  hide(): void {
    const d = this.renderRoot.querySelector('dialog');
    if (d?.open) d.close();
    this.dialogOpen = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A service chosen by the page (attribute) is not offered for change.
    this.preselected = this.hasAttribute('service');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.icsUrl) URL.revokeObjectURL(this.icsUrl);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) void this.l10n.load();
    if (!this.month) {
      const today = dateIn(Date.now(), this.tz);
      this.month = monthOf(today);
      this.focusDate = today;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const client = this.l10n.client;
    const site = this.site ?? client?.config.site;
    if (client && site && this.l10n.ready && this.loadedFor !== `${site}|${this.l10n.lang}`) {
      this.loadedFor = `${site}|${this.l10n.lang}`;
      void this.loadServices(client, site);
    }
    if ((changed.has('service') || changed.has('timezone')) && this.services && this.step !== 'done') {
      if (changed.has('service') && this.current && this.step === 'service') this.goTo('time');
      else if (this.step === 'time') void this.loadSlots();
    }
    this.applyFocus();
  }

  private applyFocus(): void {
    const target = this.focusAfterRender;
    // Only once the DOM shows the current step (a step change inside updated() renders next).
    if (!target || this.renderedStep !== this.step) return;
    const el =
      target === 'grid'
        ? this.renderRoot.querySelector<HTMLElement>(`td[data-date="${this.focusDate}"]`)
        : this.renderRoot.querySelector<HTMLElement>(target === 'heading' ? '[data-step-heading]' : target);
    if (el) {
      this.focusAfterRender = undefined;
      el.focus();
    }
  }

  private goTo(step: Step, focus = 'heading'): void {
    this.step = step;
    this.focusAfterRender = focus;
    if (step === 'time') void this.loadSlots();
  }

  // ----------------------------------------------------------------------------- loading
  private async loadServices(client: Client, site: string): Promise<void> {
    await null; // (called from updated(): change state in the next microtask, not during the update)
    this.loadError = undefined;
    try {
      const res = await client.transport.request({ path: paths.services(site), query: { locale: this.l10n.lang }, schema: ServicesResponse });
      this.services = res.services;
      if (this.step === 'service' && this.current) this.goTo('time', this.dialogOpen || this.mode === 'inline' ? '' : 'heading');
    } catch {
      this.loadError = 'services';
    }
  }

  private async loadSlots(): Promise<void> {
    const client = this.l10n.client;
    const site = this.site ?? client?.config.site;
    const svc = this.current;
    if (!client || !site || !svc) return;
    const ticket = ++this.slotsTicket;
    this.slots = undefined;
    this.loadError = undefined;
    try {
      const res = await client.transport.request({
        path: paths.slots(site),
        query: { service: svc.id, from: firstOfMonth(this.month), to: lastOfMonth(this.month), tz: this.tz },
        schema: SlotsResponse,
      });
      if (ticket !== this.slotsTicket) return;
      this.slots = res.slots.filter((s) => s.remaining > 0);
      const days = this.availableDays();
      if (this.selectedDate && !days.has(this.selectedDate)) this.selectedDate = undefined;
      this.status = days.size ? '' : this.l10n.t('noDaysInMonth');
    } catch {
      if (ticket === this.slotsTicket) this.loadError = 'slots';
    }
  }

  private availableDays(): Map<string, Slot[]> {
    const out = new Map<string, Slot[]>();
    for (const s of this.slots ?? []) {
      const d = dateIn(Date.parse(s.start), this.tz);
      out.set(d, [...(out.get(d) ?? []), s]);
    }
    return out;
  }

  // ---------------------------------------------------------------------------- calendar
  private moveFocus(date: string): void {
    this.focusDate = date;
    this.focusAfterRender = 'grid';
    const m = monthOf(date);
    if (m !== this.month) {
      this.month = m;
      void this.loadSlots();
    }
  }

  private changeMonth(delta: number): void {
    this.moveFocus(addMonths(this.focusDate.startsWith(this.month) ? this.focusDate : firstOfMonth(this.month), delta));
    this.focusAfterRender = undefined;
  }

  private onGridKey(e: KeyboardEvent): void {
    const rtl = this.l10n.dir === 'rtl';
    const d = this.focusDate;
    const first = firstDayOfWeek(this.fmt);
    const col = (weekdayOf(d) - first + 7) % 7;
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(d, rtl ? 1 : -1),
      ArrowRight: () => addDays(d, rtl ? -1 : 1),
      ArrowUp: () => addDays(d, -7),
      ArrowDown: () => addDays(d, 7),
      Home: () => addDays(d, -col),
      End: () => addDays(d, 6 - col),
      PageUp: () => addMonths(d, e.shiftKey ? -12 : -1),
      PageDown: () => addMonths(d, e.shiftKey ? 12 : 1),
    };
    if (moves[e.key]) {
      e.preventDefault();
      this.moveFocus(moves[e.key]!());
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.pickDay(d);
    }
  }

  private pickDay(date: string): void {
    this.focusDate = date;
    const slots = this.availableDays().get(date);
    if (!slots) {
      this.status = this.l10n.t('noSlots');
      return;
    }
    this.selectedDate = date;
    this.status = this.l10n.t('slotsAnnounce', { count: slots.length, date: this.dayLabel(date) });
  }

  /**
   * The locale dates and times are formatted in: the page's full tag (en-GB: 24 h, en-US: 12 h)
   * when its language is the one the strings are in, else that language.
   */
  private get fmt(): string {
    const tag = this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || navigator.language;
    try {
      if (tag && tag.split('-')[0]!.toLowerCase() === this.l10n.lang.split('-')[0]!.toLowerCase()) return Intl.getCanonicalLocales(tag)[0]!;
    } catch {
      /* an invalid tag: use the strings' language */
    }
    return this.l10n.lang;
  }

  private dayLabel(date: string): string {
    return new Intl.DateTimeFormat(this.fmt, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(noon(date));
  }

  private timeLabel(iso: string): string {
    return new Intl.DateTimeFormat(this.fmt, { hour: 'numeric', minute: '2-digit', timeZone: this.tz }).format(new Date(iso));
  }

  private whenLabel(start: string, end: string): string {
    const day = new Intl.DateTimeFormat(this.fmt, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: this.tz }).format(new Date(start));
    return `${day}, ${this.timeLabel(start)} – ${this.timeLabel(end)}`;
  }

  private pickSlot(slot: Slot): void {
    this.selectedSlot = slot;
    this.notice = undefined;
    this.formError = undefined;
    this.goTo('form');
  }

  // -------------------------------------------------------------------------------- form
  private validate(svc: BookingService): Partial<Record<BookingField, string>> {
    const t = this.l10n.t;
    const errors: Partial<Record<BookingField, string>> = {};
    for (const f of svc.requiredFields) if (!this.values[f].trim()) errors[f] = t('errors.required', { field: t(`fields.${f}`) });
    const parsed = BookingRequest.safeParse(this.requestBody(svc, 'a'.repeat(64)));
    if (!parsed.success) for (const iss of parsed.error.issues) this.issueToField(errors, iss.path, iss.code);
    return errors;
  }

  private issueToField(errors: Partial<Record<BookingField, string>>, path: readonly PropertyKey[], code: string): boolean {
    const t = this.l10n.t;
    const field = path[0] === 'fields' ? (path[1] as BookingField) : undefined;
    if (!field || !FIELDS.includes(field)) return false;
    if (errors[field]) return true;
    errors[field] =
      field === 'email' && code !== 'too_big' && code !== 'required'
        ? t('errors.email')
        : code === 'too_big'
          ? t('errors.tooLong')
          : code === 'required'
            ? t('errors.required', { field: t(`fields.${field}`) })
            : t('errors.invalid');
    return true;
  }

  private requestBody(svc: BookingService, noticeVersion: string): BookingRequest {
    const fields: BookingRequest['fields'] = {};
    for (const f of FIELDS) {
      const v = this.values[f].trim();
      if (v) fields[f] = v;
    }
    return {
      site: this.site ?? this.l10n.client?.config.site ?? '',
      service: svc.id,
      start: this.selectedSlot?.start ?? '',
      timezone: this.tz,
      locale: this.l10n.lang,
      noticeVersion,
      fields,
    };
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.submitting) return;
    const svc = this.current;
    const client = this.l10n.client;
    if (!svc || !client || !this.selectedSlot) return;
    const t = this.l10n.t;
    this.notice = undefined;
    this.formError = undefined;
    const errors = this.validate(svc);
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.formError = t('errors.summary');
      this.focusAfterRender = `#${this.uid}-${FIELDS.find((f) => errors[f])}`;
      return;
    }
    const noticeEl = this.renderRoot.querySelector<CkPrivacyNotice>('ck-privacy-notice');
    const version = noticeEl?.version;
    if (!version) {
      this.formError = t('errors.notice');
      return;
    }
    const body = this.requestBody(svc, version);
    const json = JSON.stringify(body);
    // The same submission keeps its Idempotency-Key across automatic and manual retries.
    if (this.idempotency?.body !== json) this.idempotency = { key: newIdempotencyKey(), body: json };
    this.submitting = true;
    try {
      const res = await client.transport.request({
        method: 'POST',
        path: paths.bookings(),
        body,
        schema: BookingResponse,
        idempotencyKey: this.idempotency.key,
      });
      this.idempotency = undefined;
      this.booking = { ...res, timezone: this.tz };
      this.makeIcs(svc);
      this.goTo('done');
      this.dispatchEvent(new BookingConfirmedEvent({ id: res.id, service: res.service, start: res.start, end: res.end, timezone: this.tz }));
    } catch (err) {
      if (err instanceof ConflictError) {
        this.idempotency = undefined;
        this.notice = t('errors.conflict');
        this.selectedSlot = undefined;
        this.goTo('time', '[data-notice]');
      } else if (err instanceof ValidationError) {
        const next: Partial<Record<BookingField, string>> = {};
        const other = err.issues.filter((i) => !this.issueToField(next, i.path, i.code));
        this.errors = next;
        this.formError = other.length || !Object.keys(next).length ? `${t('errors.summary')} ${other.map((i) => i.message).join(' ')}`.trim() : t('errors.summary');
        const firstBad = FIELDS.find((f) => next[f]);
        this.focusAfterRender = firstBad ? `#${this.uid}-${firstBad}` : '[data-form-error]';
      } else if (err instanceof RateLimitedError) {
        this.formError = t('errors.rateLimited');
      } else if (err instanceof NetworkError) {
        this.formError = t('errors.network');
      } else {
        this.formError = t('errors.server');
      }
    } finally {
      this.submitting = false;
    }
  }

  private cancelUrl(): string | undefined {
    const b = this.booking;
    const client = this.l10n.client;
    if (!b || !client) return undefined;
    // The token travels in the fragment: it never reaches a server log or a Referer header.
    return `${new URL(client.transport.url(paths.cancelBooking(b.id)), location.href).href}#token=${b.cancelToken}`;
  }

  private makeIcs(svc: BookingService): void {
    const b = this.booking;
    if (!b) return;
    if (this.icsUrl) URL.revokeObjectURL(this.icsUrl);
    const cancel = this.cancelUrl();
    const ics = icsFor({
      uid: `${b.id}@consentkit`,
      start: b.start,
      end: b.end,
      summary: svc.name,
      ...(cancel ? { description: `${this.l10n.t('cancelLink')}: ${cancel}` } : {}),
    });
    this.icsUrl = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
  }

  // ------------------------------------------------------------------------------ render
  override render(): TemplateResult {
    this.renderedStep = this.step;
    if (this.mode === 'inline') return this.renderPanel();
    const t = this.l10n.t;
    return html`${this.mode === 'floating'
        ? html`<button type="button" class="floating" part="floating-button" @click=${() => this.show()}>${t('open')}</button>`
        : html`<slot name="trigger" @click=${() => this.show()}></slot>`}
      <dialog
        part="dialog"
        aria-labelledby=${`${this.uid}-title`}
        @close=${() => (this.dialogOpen = false)}
        @click=${(e: Event) => e.target === e.currentTarget && this.hide()}
      >
        <div class="dialog-head">
          <span id=${`${this.uid}-title`} class="dialog-title">${t('title')}</span>
          <button type="button" class="secondary" part="button" @click=${() => this.hide()}>${t('close')}</button>
        </div>
        ${this.dialogOpen ? this.renderPanel() : nothing}
      </dialog>`;
  }

  private renderPanel(): TemplateResult {
    const t = this.l10n.t;
    let body: TemplateResult;
    if (!this.l10n.ready) body = html`<p role="status"></p>`;
    else if (this.loadError === 'services')
      body = html`<p role="alert" part="error">${t('loadError')}</p>
        <button type="button" class="secondary" part="button" @click=${() => (this.loadedFor = undefined, this.requestUpdate())}>${t('retry')}</button>`;
    else if (!this.services) body = html`<p role="status">${t('loading')}</p>`;
    else if (this.step === 'done') body = this.renderDone();
    else if (this.step === 'form' && this.current && this.selectedSlot) body = this.renderForm(this.current, this.selectedSlot);
    else if (this.step !== 'service' && this.current) body = this.renderTime(this.current);
    else body = this.renderServices(this.services);
    return html`<div class="panel" part="panel" dir=${this.l10n.dir} lang=${this.l10n.lang}>
      ${body}
      <div class="sr-only" role="status" aria-live="polite">${this.status}</div>
    </div>`;
  }

  private heading(text: string): TemplateResult {
    return html`<h2 part="heading" tabindex="-1" data-step-heading>${text}</h2>`;
  }

  private renderServices(services: BookingService[]): TemplateResult {
    const t = this.l10n.t;
    return html`${this.heading(t('chooseService'))}
      <ul class="services" role="list">
        ${services.map(
          (s) => html`<li>
            <button
              type="button"
              part="service"
              class="service"
              @click=${() => {
                this.selectedDate = undefined;
                if (this.service === s.id) this.goTo('time');
                else this.service = s.id;
              }}
            >
              <span class="name">${s.name}</span>
              <span class="meta">${t('duration', { minutes: s.durationMinutes })}</span>
              ${s.description ? html`<span class="desc">${s.description}</span>` : nothing}
            </button>
          </li>`,
        )}
      </ul>`;
  }

  private renderTime(svc: BookingService): TemplateResult {
    const t = this.l10n.t;
    const days = this.availableDays();
    const first = firstDayOfWeek(this.fmt);
    const monthTitle = new Intl.DateTimeFormat(this.fmt, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(noon(firstOfMonth(this.month)));
    const weekdays = Array.from({ length: 7 }, (_, i) => {
      const d = noon(addDays('2023-01-01', (first + i) % 7)); // 1 Jan 2023 was a Sunday
      return {
        short: new Intl.DateTimeFormat(this.fmt, { weekday: 'short', timeZone: 'UTC' }).format(d),
        long: new Intl.DateTimeFormat(this.fmt, { weekday: 'long', timeZone: 'UTC' }).format(d),
      };
    });
    const today = dateIn(Date.now(), this.tz);
    const focus = this.focusDate.startsWith(this.month) ? this.focusDate : firstOfMonth(this.month);
    const daySlots = this.selectedDate ? days.get(this.selectedDate) : undefined;
    const zones = this.zoneOptions(svc);
    return html`${this.heading(t('chooseTime'))}
      <p class="svc">
        <strong>${svc.name}</strong> · ${t('duration', { minutes: svc.durationMinutes })}
        ${(this.services?.length ?? 0) > 1 && !this.preselected
          ? html`<button type="button" class="link" part="button" @click=${() => this.goTo('service')}>${t('changeService')}</button>`
          : nothing}
      </p>
      ${this.notice ? html`<p class="notice" part="error" role="alert" tabindex="-1" data-notice>${this.notice}</p>` : nothing}
      <div class="tz">
        <label for=${`${this.uid}-tz`}>${t('timezone')}</label>
        <select
          id=${`${this.uid}-tz`}
          part="input"
          @change=${(e: Event) => {
            this.timezone = (e.target as HTMLSelectElement).value;
          }}
        >
          ${zones.map((z) => html`<option value=${z} ?selected=${z === this.tz}>${z.replace(/_/g, ' ')}</option>`)}
        </select>
      </div>
      <div class="month-nav">
        <button type="button" class="secondary" part="button" @click=${() => this.changeMonth(-1)} aria-label=${t('prevMonth')}>
          <span aria-hidden="true">${this.l10n.dir === 'rtl' ? '›' : '‹'}</span>
        </button>
        <h3 id=${`${this.uid}-month`} aria-live="polite">${monthTitle}</h3>
        <button type="button" class="secondary" part="button" @click=${() => this.changeMonth(1)} aria-label=${t('nextMonth')}>
          <span aria-hidden="true">${this.l10n.dir === 'rtl' ? '‹' : '›'}</span>
        </button>
      </div>
      <table role="grid" part="calendar" aria-labelledby=${`${this.uid}-month`} aria-busy=${this.slots ? 'false' : 'true'} @keydown=${this.onGridKey}>
        <thead>
          <tr>
            ${weekdays.map((w) => html`<th scope="col" abbr=${w.long}><span aria-hidden="true">${w.short}</span><span class="sr-only">${w.long}</span></th>`)}
          </tr>
        </thead>
        <tbody>
          ${monthMatrix(this.month, first).map(
            (row) => html`<tr>
              ${row.map((d) => {
                if (!d) return html`<td role="gridcell" aria-hidden="true" class="empty"></td>`;
                const open = days.has(d);
                const label = `${this.dayLabel(d)}, ${this.slots ? (open ? t('available') : t('unavailable')) : t('loading')}`;
                return html`<td
                  role="gridcell"
                  part="day"
                  data-date=${d}
                  tabindex=${d === focus ? '0' : '-1'}
                  aria-label=${label}
                  aria-disabled=${open ? 'false' : 'true'}
                  aria-selected=${d === this.selectedDate ? 'true' : 'false'}
                  aria-current=${d === today ? 'date' : nothing}
                  class=${`${open ? 'open' : 'closed'}${d === this.selectedDate ? ' selected' : ''}${d === today ? ' today' : ''}`}
                  @click=${() => {
                    this.focusDate = d;
                    this.pickDay(d);
                  }}
                >
                  ${Number(d.slice(8))}
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="hint">${t('gridHint')}</p>
      ${this.loadError === 'slots'
        ? html`<p role="alert" part="error">${t('loadError')}</p>
            <button type="button" class="secondary" part="button" @click=${() => void this.loadSlots()}>${t('retry')}</button>`
        : nothing}
      ${this.selectedDate && daySlots
        ? html`<h3 id=${`${this.uid}-times`}>${t('slotsFor', { date: this.dayLabel(this.selectedDate) })}</h3>
            <ul class="slots" role="list" aria-labelledby=${`${this.uid}-times`}>
              ${daySlots.map(
                (s) => html`<li>
                  <button type="button" part="slot" class="slot" @click=${() => this.pickSlot(s)}>${this.timeLabel(s.start)}</button>
                </li>`,
              )}
            </ul>
            <p class="hint">${t('timesIn', { tz: this.tz.replace(/_/g, ' ') })}</p>`
        : nothing}`;
  }

  private zoneOptions(svc: BookingService): string[] {
    const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    return [...new Set([this.tz, svc.timezone, ...all])].sort();
  }

  private renderForm(svc: BookingService, slot: Slot): TemplateResult {
    const t = this.l10n.t;
    const required = new Set(svc.requiredFields);
    const field = (f: BookingField, type: 'text' | 'email' | 'textarea', autocomplete: string) => {
      const id = `${this.uid}-${f}`;
      const err = this.errors[f];
      const req = required.has(f);
      const common = {
        id,
        describedby: err ? `${id}-err` : nothing,
      };
      const onInput = (e: Event) => {
        this.values = { ...this.values, [f]: (e.target as HTMLInputElement).value };
      };
      return html`<div class="field" part="field">
        <label for=${id}>${t(`fields.${f}`)}${req ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>
        ${type === 'textarea'
          ? html`<textarea
              id=${common.id}
              part="input"
              name=${f}
              rows="4"
              maxlength="5000"
              aria-required=${req ? 'true' : 'false'}
              aria-invalid=${err ? 'true' : 'false'}
              aria-describedby=${common.describedby}
              .value=${live(this.values[f])}
              @input=${onInput}
            ></textarea>`
          : html`<input
              id=${common.id}
              part="input"
              name=${f}
              type=${type}
              autocomplete=${autocomplete}
              maxlength=${f === 'email' ? 254 : f === 'firstName' || f === 'lastName' ? 100 : 200}
              aria-required=${req ? 'true' : 'false'}
              aria-invalid=${err ? 'true' : 'false'}
              aria-describedby=${common.describedby}
              .value=${live(this.values[f])}
              @input=${onInput}
            />`}
        ${err ? html`<p class="error" part="error" id=${`${id}-err`}>${err}</p>` : nothing}
      </div>`;
    };
    return html`${this.heading(t('yourDetails'))}
      <p class="chosen">
        <span>${t('selectedTime')}: <strong>${svc.name}</strong>, ${this.whenLabel(slot.start, slot.end)} (${this.tz.replace(/_/g, ' ')})</span>
        <button type="button" class="link" part="button" @click=${() => this.goTo('time', 'grid')}>${t('change')}</button>
      </p>
      <form novalidate aria-describedby=${`${this.uid}-legend`} @submit=${this.submit}>
        <p class="legend" id=${`${this.uid}-legend`}>${t('requiredLegend')}</p>
        <div class="row">${field('firstName', 'text', 'given-name')} ${field('lastName', 'text', 'family-name')}</div>
        ${field('email', 'email', 'email')}
        <div class="row">${field('company', 'text', 'organization')} ${field('jobTitle', 'text', 'organization-title')}</div>
        ${field('subject', 'text', 'off')} ${field('message', 'textarea', 'off')}
        <ck-privacy-notice purpose="booking" .site=${this.site} .client=${this.l10n.client} .theme=${this.theme}></ck-privacy-notice>
        <div class="form-error" role="alert" data-form-error tabindex="-1">${this.formError ? html`<p part="error">${this.formError}</p>` : nothing}</div>
        <div class="actions">
          <button type="button" class="secondary" part="button" @click=${() => this.goTo('time', 'grid')}>${t('back')}</button>
          <button type="submit" part="submit" class="primary" aria-disabled=${this.submitting ? 'true' : 'false'}>
            ${this.submitting ? t('submitting') : t('submit')}
          </button>
        </div>
      </form>`;
  }

  private renderDone(): TemplateResult {
    const t = this.l10n.t;
    const b = this.booking!;
    const svc = this.services?.find((s) => s.id === b.service);
    return html`${this.heading(t('confirmed'))}
      <p class="done" data-when>${t('confirmedText', { service: svc?.name ?? b.service, when: this.whenLabel(b.start, b.end) })}</p>
      <p class="hint">${t('timesIn', { tz: b.timezone.replace(/_/g, ' ') })}</p>
      <p>${t('mailSent')}</p>
      <p class="links">
        <a part="button" href=${this.icsUrl ?? '#'} download="appointment.ics" data-ics>${t('downloadIcs')}</a>
        <a part="button" href=${this.cancelUrl() ?? '#'} target="_blank" rel="noopener" data-cancel>${t('cancelLink')}</a>
      </p>`;
  }
}
