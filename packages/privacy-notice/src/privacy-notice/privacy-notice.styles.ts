import { css } from 'lit';

export const styles = css`
  :host {
    --_ck-bg: var(--ck-privacy-notice-background, var(--ck-color-surface, #ffffff));
    --_ck-fg: var(--ck-privacy-notice-color, var(--ck-color-text, #1f2328));
    --_ck-muted: var(--ck-privacy-notice-muted-color, var(--ck-color-muted, #4d5661));
    --_ck-accent: var(--ck-privacy-notice-accent, var(--ck-color-primary, #1d4ed8));
    --_ck-border: var(--ck-privacy-notice-border-color, var(--ck-color-border, #c9ced6));
    --_ck-radius: var(--ck-privacy-notice-radius, var(--ck-radius, 6px));
    --_ck-font: var(--ck-privacy-notice-font, var(--ck-font-family, inherit));
    --_ck-size: var(--ck-privacy-notice-font-size, var(--ck-font-size-small, 0.875rem));
    --_ck-popover-width: var(--ck-privacy-notice-popover-width, 32rem);
    display: block;
    font: inherit;
    font-family: var(--_ck-font);
    font-size: var(--_ck-size);
    line-height: 1.45;
    color: var(--_ck-fg);
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_ck-bg: var(--ck-privacy-notice-background, var(--ck-color-surface, #1c1f24));
      --_ck-fg: var(--ck-privacy-notice-color, var(--ck-color-text, #e8eaed));
      --_ck-muted: var(--ck-privacy-notice-muted-color, var(--ck-color-muted, #b4bac3));
      --_ck-accent: var(--ck-privacy-notice-accent, var(--ck-color-primary, #8ab4ff));
      --_ck-border: var(--ck-privacy-notice-border-color, var(--ck-color-border, #4a505a));
    }
  }
  :host([theme='dark']) {
    --_ck-bg: var(--ck-privacy-notice-background, var(--ck-color-surface, #1c1f24));
    --_ck-fg: var(--ck-privacy-notice-color, var(--ck-color-text, #e8eaed));
    --_ck-muted: var(--ck-privacy-notice-muted-color, var(--ck-color-muted, #b4bac3));
    --_ck-accent: var(--ck-privacy-notice-accent, var(--ck-color-primary, #8ab4ff));
    --_ck-border: var(--ck-privacy-notice-border-color, var(--ck-color-border, #4a505a));
  }
  .short {
    margin: 0;
    color: var(--_ck-muted);
  }
  .short > dl {
    margin: 0;
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.1rem 0.5rem;
  }
  .short > dl > dt {
    font-weight: 600;
    color: var(--_ck-fg);
  }
  .short > dl > dd {
    margin: 0;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin-top: 0.35rem;
  }
  a,
  .more {
    color: var(--_ck-accent);
  }
  .more {
    font: inherit;
    background: none;
    border: 0;
    padding: 0;
    text-decoration: underline;
    cursor: pointer;
  }
  a:focus-visible,
  button:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 2px solid var(--_ck-accent);
    outline-offset: 2px;
  }
  .popover {
    position: fixed;
    inset: auto;
    margin: 0;
    top: 0;
    left: 0;
    box-sizing: border-box;
    width: min(var(--_ck-popover-width), calc(100vw - 16px));
    max-height: 70vh;
    overflow: auto;
    padding: 0.75rem 1rem 1rem;
    background: var(--_ck-bg);
    color: var(--_ck-fg);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    box-shadow: 0 8px 28px rgb(0 0 0 / 0.25);
    font-family: var(--_ck-font);
    font-size: var(--_ck-size);
    line-height: 1.45;
    z-index: 2147483000;
  }
  .popover:not(:popover-open) {
    display: none;
  }
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
  }
  .head h2 {
    font-size: 1.05em;
    margin: 0;
  }
  .close {
    font: inherit;
    background: transparent;
    color: var(--_ck-fg);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    padding: 0.15rem 0.6rem;
    cursor: pointer;
  }
  .full dt {
    font-weight: 600;
    margin-top: 0.6rem;
  }
  .full dd {
    margin: 0.1rem 0 0;
  }
  .full ul {
    margin: 0.1rem 0 0;
    padding-inline-start: 1.2rem;
  }
  [role='status'],
  [role='alert'] {
    margin: 0;
  }
`;
