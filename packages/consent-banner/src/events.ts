import type { ConsentState } from '@consentkit/core';

/** The visitor's consent changed (a decision was stored). `state` is the new choice. */
export class ConsentChangeEvent extends Event {
  static readonly type = 'ck-consent-change';
  readonly state: ConsentState;
  readonly previous: ConsentState | null;
  constructor(state: ConsentState, previous: ConsentState | null) {
    super(ConsentChangeEvent.type, { bubbles: true, composed: true });
    this.state = state;
    this.previous = previous;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-consent-change': ConsentChangeEvent;
  }
}
