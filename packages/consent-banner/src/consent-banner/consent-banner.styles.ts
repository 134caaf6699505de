import { css } from 'lit';
import { tokens } from '../shared.styles.js';

export const styles = [
  tokens,
  css`
    :host {
      --_ck-banner-width: var(--ck-consent-banner-width, 26rem);
      --_ck-banner-z: var(--ck-consent-banner-z-index, 2147483000);
      display: contents;
    }
    .banner {
      position: fixed;
      z-index: var(--_ck-banner-z);
      box-sizing: border-box;
      background: var(--_ck-bg);
      color: var(--_ck-fg);
      border: 1px solid var(--_ck-border);
      box-shadow: var(--_ck-shadow);
      padding: 1rem 1.25rem;
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.5rem 1rem;
      max-height: 80vh;
      overflow: auto;
    }
    .banner[data-layout='bar-bottom'],
    .banner[data-layout='bar-top'] {
      inset-inline: 0;
      border-radius: 0;
    }
    .banner[data-layout='bar-bottom'] {
      bottom: 0;
    }
    .banner[data-layout='bar-top'] {
      top: 0;
    }
    .banner[data-layout='box'] {
      bottom: 1rem;
      inset-inline-end: 1rem;
      width: min(var(--_ck-banner-width), calc(100vw - 2rem));
      border-radius: var(--_ck-radius);
    }
    dialog.banner[data-layout='modal'] {
      position: fixed;
      inset: 0;
      margin: auto;
      width: min(32rem, calc(100vw - 2rem));
      border-radius: var(--_ck-radius);
    }
    dialog.banner::backdrop {
      background: rgb(0 0 0 / 0.45);
    }
    h2 {
      margin: 0;
      font-size: 1.1em;
    }
    p {
      margin: 0;
      grid-column: 1 / -1;
    }
    .actions {
      grid-column: 1 / -1;
    }
    .close {
      grid-column: 2;
      grid-row: 1;
      align-self: start;
    }
    .reopen {
      position: fixed;
      z-index: var(--_ck-banner-z);
      bottom: 1rem;
      inset-inline-start: 1rem;
      border-radius: 50%;
      width: 3rem;
      height: 3rem;
      background: var(--_ck-bg);
      border: 1px solid var(--_ck-border);
      box-shadow: var(--_ck-shadow);
    }
    [hidden] {
      display: none !important;
    }
  `,
];
