/** Events of the newsletter elements: `Event` subclasses, bubbling and composed. */

/** The subscription request was accepted: a confirmation mail is on its way (if the address can get one). */
export class NewsletterPendingEvent extends Event {
  static readonly type = 'ck-newsletter-pending';
  /** The list asked for. The address is deliberately not carried. */
  readonly list: string;
  /** True when this was a "send the mail again". */
  readonly resend: boolean;
  constructor(list: string, resend: boolean) {
    super(NewsletterPendingEvent.type, { bubbles: true, composed: true });
    this.list = list;
    this.resend = resend;
  }
}

/** The visitor confirmed their subscription. */
export class NewsletterConfirmedEvent extends Event {
  static readonly type = 'ck-newsletter-confirmed';
  readonly lists: string[];
  constructor(lists: string[]) {
    super(NewsletterConfirmedEvent.type, { bubbles: true, composed: true });
    this.lists = lists;
  }
}

/** The visitor unsubscribed. */
export class NewsletterUnsubscribedEvent extends Event {
  static readonly type = 'ck-newsletter-unsubscribed';
  constructor() {
    super(NewsletterUnsubscribedEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-newsletter-pending': NewsletterPendingEvent;
    'ck-newsletter-confirmed': NewsletterConfirmedEvent;
    'ck-newsletter-unsubscribed': NewsletterUnsubscribedEvent;
  }
}
