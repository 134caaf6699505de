/**
 * The mails of the double opt-in. Built only from the site's config, the address and the
 * tokens: nothing else the visitor typed ever appears in them (practice 4). Every mail carries
 * an unsubscribe link and RFC 8058 one-click headers (practice 11).
 */
export interface NewsletterMail {
  site: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  kind: string;
}

export interface MailLinks {
  /** Landing page link with the token in the fragment (never reaches server logs). */
  page: string;
  /** Unsubscribe landing page link (token in the fragment). */
  unsubscribePage: string;
  /** RFC 8058 one-click target (token in the query, POST only). */
  oneClick: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function unsubscribeHeaders(oneClick: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

export function confirmationMail(o: { site: string; siteName: string; listName: string; to: string; ttlHours: number; links: MailLinks }): NewsletterMail {
  const subject = `Please confirm your subscription to ${o.listName}`;
  const text = [
    'Hello,',
    '',
    `someone (hopefully you) asked to receive "${o.listName}" from ${o.siteName} at ${o.to}.`,
    'To confirm, open this link and press "Confirm subscription":',
    '',
    o.links.page,
    '',
    `The link works once and expires in ${o.ttlHours} hours. If you did not ask for this, ignore this mail: you will not be subscribed.`,
    '',
    `Do not want these mails? ${o.links.unsubscribePage}`,
  ].join('\n');
  const html = `<p>Hello,</p><p>someone (hopefully you) asked to receive “${esc(o.listName)}” from ${esc(o.siteName)} at ${esc(o.to)}.</p><p><a href="${esc(o.links.page)}">Confirm your subscription</a> (then press “Confirm subscription” on the page).</p><p>The link works once and expires in ${o.ttlHours} hours. If you did not ask for this, ignore this mail: you will not be subscribed.</p><p><a href="${esc(o.links.unsubscribePage)}">Do not want these mails?</a></p>`;
  return { site: o.site, to: o.to, subject, text, html, headers: unsubscribeHeaders(o.links.oneClick), kind: 'newsletter.confirm' };
}

export function welcomeMail(o: { site: string; siteName: string; listName: string; to: string; links: Omit<MailLinks, 'page'> }): NewsletterMail {
  const subject = `You are subscribed to ${o.listName}`;
  const text = [
    'Hello,',
    '',
    `your subscription to "${o.listName}" from ${o.siteName} is confirmed.`,
    '',
    `Unsubscribe at any time, in one click: ${o.links.unsubscribePage}`,
  ].join('\n');
  const html = `<p>Hello,</p><p>your subscription to “${esc(o.listName)}” from ${esc(o.siteName)} is confirmed.</p><p><a href="${esc(o.links.unsubscribePage)}">Unsubscribe</a> at any time, in one click.</p>`;
  return { site: o.site, to: o.to, subject, text, html, headers: unsubscribeHeaders(o.links.oneClick), kind: 'newsletter.welcome' };
}
