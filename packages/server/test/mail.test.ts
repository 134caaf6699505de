/** SMTP delivery through nodemailer against a minimal SMTP server on 127.0.0.1, and the request log. */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createDeps, createMailer, memoryLogger, parseServerConfig, quietLogger, type RunningServer } from '@consentkit/server';
import { consent, start, testConfig } from './helpers.js';

/** Speaks just enough SMTP (RFC 5321) to accept messages; `messages` gets each DATA section. */
function smtpServer(opts: { reject?: boolean } = {}): Promise<{ port: number; messages: { from: string; to: string[]; data: string }[]; close(): Promise<void> }> {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const server: Server = createServer((sock) => {
    let buf = '';
    let inData = false;
    let cur = { from: '', to: [] as string[], data: '' };
    sock.write('220 test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(cur);
            cur = { from: '', to: [], data: '' };
            sock.write('250 2.0.0 queued\r\n');
          } else cur.data += (line.startsWith('..') ? line.slice(1) : line) + '\r\n';
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') sock.write('250-test\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') ((cur.from = line), sock.write('250 ok\r\n'));
        else if (verb === 'RCPT') opts.reject ? sock.write(`550 5.1.1 ${line.slice(8)}: Recipient address rejected\r\n`) : (cur.to.push(line), sock.write('250 ok\r\n'));
        else if (verb === 'DATA') ((inData = true), sock.write('354 go ahead\r\n'));
        else if (verb === 'QUIT') (sock.write('221 bye\r\n'), sock.end());
        else if (verb === 'RSET' || verb === 'NOOP') sock.write('250 ok\r\n');
        else sock.write('502 not implemented\r\n');
      }
    });
    sock.on('error', () => {});
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({ port: (server.address() as { port: number }).port, messages, close: () => new Promise<void>((done) => server.close(() => done())) }),
    ),
  );
}

let server: RunningServer;
beforeAll(async () => {
  server = await start();
});
afterAll(() => server?.close());

describe('mail over SMTP', () => {
  it('delivers with nodemailer when mail.smtp is configured, and records the mail as sent', async () => {
    const smtp = await smtpServer();
    try {
      const config = parseServerConfig(testConfig({ mail: { from: 'Shop <no-reply@shop.test>', smtp: { host: '127.0.0.1', port: smtp.port, secure: false } } }));
      const mailer = createMailer({ db: server.deps.db, config, log: quietLogger(), now: () => new Date() });
      const r = await mailer.send({
        site: 'shop',
        to: 'visitor@example.test',
        subject: 'Bitte bestätigen',
        text: 'Link: https://shop.test/confirm#token=abc',
        headers: { 'List-Unsubscribe': '<https://api.shop.test/v1/newsletter/unsubscribe?token=x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        attachments: [{ filename: 'invite.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }],
        kind: 'test.smtp',
      });
      mailer.close();
      expect(r.sent).toBe(true);
      expect(smtp.messages).toHaveLength(1);
      const m = smtp.messages[0]!;
      expect(m.from).toContain('no-reply@shop.test');
      expect(m.to.join()).toContain('visitor@example.test');
      expect(m.data).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
      expect(m.data).toContain('invite.ics');
      const row = await server.deps.db.selectFrom('mails').select(['sent_at', 'error']).where('id', '=', r.id).executeTakeFirstOrThrow();
      expect(row.sent_at).not.toBeNull();
      expect(row.error).toBeNull();
    } finally {
      await smtp.close();
    }
  });

  it('keeps the mail in the outbox with the error when the SMTP server refuses it', async () => {
    const smtp = await smtpServer({ reject: true });
    try {
      const config = parseServerConfig(testConfig({ mail: { from: 'Shop <no-reply@shop.test>', smtp: { host: '127.0.0.1', port: smtp.port, secure: false } } }));
      const log = memoryLogger();
      const mailer = createMailer({ db: server.deps.db, config, log, now: () => new Date() });
      const r = await mailer.send({ site: 'shop', to: 'secret-person@example.test', subject: 'x', text: 'x', kind: 'test.reject' });
      mailer.close();
      expect(r.sent).toBe(false);
      const row = await server.deps.db.selectFrom('mails').select(['sent_at', 'error']).where('id', '=', r.id).executeTakeFirstOrThrow();
      expect(row.sent_at).toBeNull();
      expect(row.error).toMatch(/550|rejected/);
      expect(JSON.stringify(log.lines)).not.toContain('secret-person');
    } finally {
      await smtp.close();
    }
  });
});

describe('request log', () => {
  it('logs method, route pattern, status and time, never the path values, body or address', async () => {
    const { serve } = await import('@hono/node-server');
    const log = memoryLogger();
    const config = parseServerConfig(testConfig());
    const deps = createDeps({ ...server.deps, config, log });
    const srv = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((ok) => srv.once('listening', ok));
    const url = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
    try {
      const rec = consent();
      await fetch(`${url}/v1/consents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rec) });
      await fetch(`${url}/dev/mailbox/0b6a2c7e-0000-4000-8000-000000000001`);
      await fetch(`${url}/v1/admin/subjects/export`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer test-admin-key' }, body: '{"email":"who@example.test"}' });
      const requests = log.lines.filter((l) => l['msg'] === 'request');
      expect(requests.map((l) => [l['method'], l['route'], l['status']])).toEqual([
        ['POST', '/v1/consents', 201],
        ['GET', '/dev/mailbox/:id', 404],
        ['POST', '/v1/admin/subjects/export', 200],
      ]);
      expect(requests.every((l) => typeof l['ms'] === 'number')).toBe(true);
      const all = JSON.stringify(log.lines);
      for (const secret of [rec.id, rec.consentId, '0b6a2c7e', 'who@example.test', '127.0.0.1']) expect(all).not.toContain(secret);
    } finally {
      await new Promise<void>((ok) => srv.close(() => ok()));
    }
  });
});
