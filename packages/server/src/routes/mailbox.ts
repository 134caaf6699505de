/**
 * Development mailbox (mounted only in development mode): every mail the server sent, so a
 * newcomer can follow a confirmation link without an SMTP server.
 *  - GET /dev/mailbox           list (newest first), HTML
 *  - GET /dev/mailbox/:id       one mail: headers, text with clickable links, HTML part, attachments
 *  - GET /dev/mailbox/:id/attachments/:n  download an attachment (e.g. the booking .ics)
 *  - GET /dev/mailbox.json?to=  the same as JSON (end-to-end tests read links from here)
 */
import { Hono } from 'hono';
import type { Deps } from '../deps.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
/** Escape, then turn http(s) URLs into links. */
const linkify = (s: string) => esc(s).replace(/\bhttps?:\/\/[^\s<>"']+/g, (u) => `<a href="${u}">${u}</a>`);
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : '');

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}td,th{text-align:start;padding:.35rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem;border-radius:6px}iframe{width:100%;height:30rem;border:1px solid #ddd}
dt{font-weight:600}dd{margin:0 0 .4rem 0;word-break:break-all}a{color:#0645ad}
@media (prefers-color-scheme:dark){body{background:#151515;color:#eee}pre{background:#222}a{color:#8ab4f8}td,th{border-color:#333}}</style>
</head><body>${body}</body></html>`;

export function mailboxRoutes(deps: Deps): Hono {
  const app = new Hono();
  const { db } = deps;
  const noStore = { 'cache-control': 'no-store' };

  app.get('/dev/mailbox.json', async (c) => {
    let q = db.selectFrom('mails').selectAll().orderBy('seq', 'desc').limit(200);
    const to = c.req.query('to');
    if (to) q = q.where((eb) => eb(eb.fn('lower', ['to']), '=', to.trim().toLowerCase()));
    const rows = await q.execute();
    return c.json(
      {
        mails: rows.map((m) => ({
          id: m.id,
          site: m.site,
          kind: m.kind,
          to: m.to,
          from: m.from,
          subject: m.subject,
          text: m.text,
          html: m.html,
          headers: m.headers,
          attachments: (m.attachments as unknown as { filename: string; contentType: string }[]).map((a) => ({ filename: a.filename, contentType: a.contentType })),
          createdAt: iso(m.created_at),
          sentAt: iso(m.sent_at) || null,
        })),
      },
      200,
      noStore,
    );
  });

  app.get('/dev/mailbox', async (c) => {
    const rows = await db.selectFrom('mails').select(['id', 'to', 'subject', 'kind', 'site', 'created_at']).orderBy('seq', 'desc').limit(200).execute();
    const list = rows.length
      ? `<table><thead><tr><th>When</th><th>To</th><th>Subject</th><th>Kind</th></tr></thead><tbody>${rows
          .map((m) => `<tr><td>${esc(iso(m.created_at))}</td><td>${esc(m.to)}</td><td><a href="/dev/mailbox/${esc(m.id)}">${esc(m.subject)}</a></td><td>${esc(m.kind)}</td></tr>`)
          .join('')}</tbody></table>`
      : '<p>No mail yet. Subscribe to the newsletter or book an appointment on an example page, then reload.</p>';
    return c.html(page('Dev mailbox', `<h1>Dev mailbox</h1><p>Mails this server sent (development mode only; nothing left this machine unless SMTP is configured).</p>${list}`), 200, noStore);
  });

  app.get('/dev/mailbox/:id', async (c) => {
    const id = c.req.param('id');
    const m = /^[0-9a-f-]{36}$/i.test(id) ? await db.selectFrom('mails').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!m) return c.html(page('Not found', '<p>No such mail. <a href="/dev/mailbox">Back to the mailbox</a></p>'), 404, noStore);
    const headers: Record<string, string> = { From: m.from, To: m.to, Subject: m.subject, Date: iso(m.created_at), ...(m.headers as unknown as Record<string, string>) };
    const atts = m.attachments as unknown as { filename: string; contentType: string }[];
    const body = `<p><a href="/dev/mailbox">← Mailbox</a></p><h1>${esc(m.subject)}</h1>
<dl>${Object.entries(headers).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${linkify(String(v))}</dd>`).join('')}</dl>
<h2>Text</h2><pre>${linkify(m.text)}</pre>
${m.html ? `<h2>HTML</h2><iframe title="HTML part" sandbox="allow-popups allow-top-navigation-by-user-activation" srcdoc="${esc('<base target="_top">' + m.html)}"></iframe>` : ''}
${atts.length ? `<h2>Attachments</h2><ul>${atts.map((a, i) => `<li><a href="/dev/mailbox/${esc(m.id)}/attachments/${i}">${esc(a.filename)}</a> (${esc(a.contentType)})</li>`).join('')}</ul>` : ''}`;
    return c.html(page(m.subject, body), 200, noStore);
  });

  app.get('/dev/mailbox/:id/attachments/:n', async (c) => {
    const id = c.req.param('id');
    const m = /^[0-9a-f-]{36}$/i.test(id) ? await db.selectFrom('mails').select('attachments').where('id', '=', id).executeTakeFirst() : undefined;
    const a = (m?.attachments as unknown as { filename: string; contentType: string; content: string }[] | undefined)?.[Number(c.req.param('n'))];
    if (!a) return c.text('Not found', 404);
    return c.body(Buffer.from(a.content, 'base64'), 200, {
      'content-type': a.contentType,
      'content-disposition': `attachment; filename="${a.filename.replace(/["\\\r\n]/g, '_')}"`,
      ...noStore,
    });
  });
  return app;
}
