/**
 * The mails of the double opt-in, in the language the visitor used (10 languages, server i18n
 * namespace `newsletter`). Built only from the site's config, the address and the tokens:
 * nothing else the visitor typed ever appears in them (practice 4). Every mail carries an
 * unsubscribe link and RFC 8058 one-click headers (practice 11).
 */
import { addMailStrings, mailDirection, mailLanguage, mailT } from '../i18n.js';
import en from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import it from './locales/it.json' with { type: 'json' };
import nl from './locales/nl.json' with { type: 'json' };
import pt from './locales/pt.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import ar from './locales/ar.json' with { type: 'json' };
import he from './locales/he.json' with { type: 'json' };

addMailStrings('newsletter', { en, fr, de, es, it, nl, pt, pl, ar, he });

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

function page(locale: string, paragraphs: string[]): string {
  const lang = mailLanguage(locale);
  return `<!doctype html><html lang="${lang}" dir="${mailDirection(locale)}"><body>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
}

export function confirmationMail(o: { site: string; siteName: string; listName: string; to: string; ttlHours: number; locale: string; links: MailLinks }): NewsletterMail {
  const t = mailT(o.locale, 'newsletter');
  const c = mailT(o.locale);
  const v = { list: o.listName, site: o.siteName, email: o.to, hours: o.ttlHours, button: t('button') };
  const text = [t('hello'), '', t('asked', v), t('open', v), '', o.links.page, '', t('expires', v), '', t('stop'), o.links.unsubscribePage, '', c('footer', { site: o.siteName })].join('\n');
  const h = (k: string) => esc(t(k, v));
  const html = page(o.locale, [
    h('hello'),
    h('asked'),
    `<a href="${esc(o.links.page)}">${h('link')}</a>`,
    h('expires'),
    `${h('stop')} <a href="${esc(o.links.unsubscribePage)}">${esc(c('unsubscribe'))}</a>`,
    esc(c('footer', { site: o.siteName })),
  ]);
  return { site: o.site, to: o.to, subject: t('confirmSubject', v), text, html, headers: unsubscribeHeaders(o.links.oneClick), kind: 'newsletter.confirm' };
}

export function welcomeMail(o: { site: string; siteName: string; listName: string; to: string; locale: string; links: Omit<MailLinks, 'page'> }): NewsletterMail {
  const t = mailT(o.locale, 'newsletter');
  const v = { list: o.listName, site: o.siteName };
  const text = [t('hello'), '', t('confirmed', v), '', t('leave'), o.links.unsubscribePage].join('\n');
  const html = page(o.locale, [esc(t('hello')), esc(t('confirmed', v)), `${esc(t('leave'))} <a href="${esc(o.links.unsubscribePage)}">${esc(t('unsubscribe'))}</a>`]);
  return { site: o.site, to: o.to, subject: t('welcomeSubject', v), text, html, headers: unsubscribeHeaders(o.links.oneClick), kind: 'newsletter.welcome' };
}
