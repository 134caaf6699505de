import { css } from 'lit';
import { tokens } from '../shared.styles.js';

export const styles = [
  tokens,
  css`
    :host {
      display: block;
      --_ck-embed-ratio: var(--ck-consent-embed-aspect-ratio, 16 / 9);
    }
    .placeholder {
      box-sizing: border-box;
      aspect-ratio: var(--_ck-embed-ratio);
      display: flex;
      flex-direction: column;
      justify-content: center;
      gap: 0.5rem;
      padding: 1rem 1.25rem;
      background: var(--_ck-bg);
      color: var(--_ck-fg);
      border: 1px solid var(--_ck-border);
      border-radius: var(--_ck-radius);
    }
    h2 {
      margin: 0;
      font-size: 1.05em;
    }
    p {
      margin: 0;
    }
    .held {
      display: none;
    }
  `,
];
