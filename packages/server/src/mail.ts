/**
 * Mail: every message is recorded in the `mails` outbox table (the dev mailbox reads it, the
 * admin export/erase covers it) and, when `mail.smtp` is configured, sent over SMTP with
 * nodemailer. A send failure is recorded on the row and logged (without the address); it never
 * fails the request that caused the mail.
 */
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { ServerConfig } from './config.js';
import type { Database } from './db/schema.js';
import type { Logger } from './log.js';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text, or bytes. */
  content: string | Uint8Array;
}

export interface MailMessage {
  /** Site id the mail is sent for. */
  site: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Extra headers, e.g. List-Unsubscribe / List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string> | undefined;
  attachments?: MailAttachment[] | undefined;
  /** What it is, for the mailbox and the logs: `newsletter.confirm`, `booking.confirmation`… */
  kind: string;
}

export interface Mailer {
  send(mail: MailMessage): Promise<{ id: string; sent: boolean }>;
  close(): void;
}

export function createMailer(opts: { db: Kysely<Database>; config: ServerConfig; log: Logger; now: () => Date; transport?: Transporter }): Mailer {
  const { db, config, log, now } = opts;
  const smtp = config.mail.smtp;
  const transport: Transporter | undefined =
    opts.transport ??
    (smtp
      ? nodemailer.createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.passwordEnv ? process.env[smtp.passwordEnv] ?? '' : '' } } : {}),
        })
      : undefined);
  return {
    async send(mail) {
      const id = randomUUID();
      const attachments = (mail.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: typeof a.content === 'string' ? Buffer.from(a.content, 'utf8').toString('base64') : Buffer.from(a.content).toString('base64'),
      }));
      await db
        .insertInto('mails')
        .values({
          id,
          site: mail.site,
          kind: mail.kind,
          to: mail.to,
          from: config.mail.from,
          subject: mail.subject,
          text: mail.text,
          html: mail.html ?? null,
          headers: JSON.stringify(mail.headers ?? {}),
          attachments: JSON.stringify(attachments),
          created_at: now(),
        })
        .execute();
      if (!transport) return { id, sent: false };
      try {
        await transport.sendMail({
          from: config.mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          headers: mail.headers ?? {},
          attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, encoding: 'base64' })),
        });
        await db.updateTable('mails').set({ sent_at: now() }).where('id', '=', id).execute();
        return { id, sent: true };
      } catch (err) {
        // SMTP replies often quote the recipient: keep addresses out of the log.
        log.error('mail not sent', { id, kind: mail.kind, site: mail.site, err: String((err as Error)?.message ?? err).replace(/[^\s<>"']+@[^\s<>"']+/g, '<address>') });
        await db.updateTable('mails').set({ error: String((err as Error)?.message ?? err).slice(0, 500) }).where('id', '=', id).execute();
        return { id, sent: false };
      }
    },
    close() {
      transport?.close();
    },
  };
}
