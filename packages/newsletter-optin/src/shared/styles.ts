import { css, unsafeCSS } from 'lit';

/**
 * Base look shared by the three newsletter elements. Each element maps its own public
 * `--ck-<element>-*` properties onto these private `--_ck-*` ones (see its styles file).
 */
export const base = css`
  :host {
    display: block;
    font-family: var(--_ck-font);
    font-size: var(--_ck-size);
    line-height: 1.5;
    color: var(--_ck-fg);
    background: var(--_ck-bg);
    border-radius: var(--_ck-radius);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .box {
    padding: var(--_ck-padding);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.15em;
    line-height: 1.3;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 2px solid var(--_ck-accent);
    outline-offset: 2px;
  }
  p {
    margin: 0 0 0.75rem;
  }
  button {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.5rem 1.1rem;
    border-radius: var(--_ck-radius);
    border: 1px solid var(--_ck-accent);
    background: var(--_ck-accent);
    color: var(--_ck-on-accent);
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--_ck-accent);
  }
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  button:focus-visible,
  a:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--_ck-accent);
    outline-offset: 2px;
  }
  a {
    color: var(--_ck-accent);
  }
  .error {
    color: var(--_ck-error);
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .status {
    margin: 0 0 0.75rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
`;

/** [private name, public suffix, global token, light default, dark default] */
const TOKENS: [string, string, string, string, string][] = [
  ['bg', 'background', 'surface', '#ffffff', '#1c1f24'],
  ['fg', 'color', 'text', '#1f2328', '#e8eaed'],
  ['muted', 'muted-color', 'muted', '#4d5661', '#b4bac3'],
  ['accent', 'accent', 'primary', '#1d4ed8', '#8ab4ff'],
  ['on-accent', 'on-accent', 'on-primary', '#ffffff', '#0b1220'],
  ['border', 'border-color', 'border', '#6b7280', '#8b93a1'],
  ['error', 'error-color', 'danger', '#b42318', '#ffb4a8'],
];

/**
 * The element's theme: public `--ck-<element>-<prop>` (else the global `--ck-color-*` token,
 * else a default) read once into private `--_ck-*`; dark via prefers-color-scheme or `theme`.
 */
export function theme(el: 'newsletter-optin' | 'newsletter-confirm' | 'newsletter-unsubscribe') {
  const block = (dark: boolean) =>
    TOKENS.map(([priv, pub, global, light, night]) => `--_ck-${priv}: var(--ck-${el}-${pub}, var(--ck-color-${global}, ${dark ? night : light}));`).join('\n');
  return unsafeCSS(`
  :host {
    ${block(false)}
    --_ck-radius: var(--ck-${el}-radius, var(--ck-radius, 6px));
    --_ck-font: var(--ck-${el}-font, var(--ck-font-family, inherit));
    --_ck-size: var(--ck-${el}-font-size, var(--ck-font-size, 1rem));
    --_ck-padding: var(--ck-${el}-padding, 1rem);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${block(true)}
    }
  }
  :host([theme='dark']) {
    ${block(true)}
  }`);
}
