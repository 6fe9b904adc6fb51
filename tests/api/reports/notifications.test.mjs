// Report reminders out through real channels (SPEC §4): a DingTalk, a WeCom and a Feishu robot, a
// generic webhook (all to an HTTP receiver this test starts) and email (to an SMTP server this
// test starts), for a team of the test's own. A notification round is run with `fupan remind` at
// pinned instants before and after the deadline of a week three weeks ahead (nobody has handed
// in): every message is checked field by field, signatures recomputed here; a repeated round
// (a restarted server) sends nothing twice; a receiver that fails is retried after its backoff and
// the delivery log says so; a channel's secret is never read back.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import {
  BIN, DB, addDays, createMembership, createRegion, createTeam, createUser, expectError, expectStatus, get, patch,
  post,
} from '../lib.mjs';
import { weekOf } from './report_fixtures.mjs';

const skip = DB ? false : 'FUPAN_DB is not set (tests/api/run.sh sets it)';
const SECRET = 'SEC-fupan-test-secret';

// ---- receivers ----

// An HTTP server recording every request; /flaky answers 500 to its first request.
function startReceiver() {
  const got = [];
  let flakyFailures = 1;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      got.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
      if (url.pathname === '/flaky' && flakyFailures > 0) {
        flakyFailures -= 1;
        res.writeHead(500).end('down for maintenance');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, got, port: server.address().port })));
}

// A minimal SMTP server (RFC 5321's happy path): records each mail's envelope and data.
function startSmtp() {
  const mails = [];
  const server = net.createServer((sock) => {
    let buf = '';
    let mail = null;
    let inData = false;
    sock.write('220 fupan-test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buf.slice(0, end);
          buf = buf.slice(end + 5);
          inData = false;
          mails.push(mail);
          sock.write('250 OK queued\r\n');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') sock.write('250 fupan-test\r\n');
        else if (verb === 'MAIL') { mail = { from: line.slice(10), to: [] }; sock.write('250 OK\r\n'); }
        else if (verb === 'RCPT') { mail.to.push(line.slice(8)); sock.write('250 OK\r\n'); }
        else if (verb === 'DATA') { inData = true; sock.write('354 go ahead\r\n'); }
        else if (verb === 'QUIT') { sock.write('221 bye\r\n'); sock.end(); return; }
        else sock.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, mails, port: server.address().port })));
}

// ---- time ----

// The UTC instant (ms) of the wall time `day` `hh:mm` in `tz`.
function zonedToUtc(day, time, tz) {
  const guess = Date.parse(`${day}T${time}:00Z`);
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  });
  const wall = (ms) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:00Z`);
  };
  let t = guess - (wall(guess) - guess);
  t -= wall(t) - guess;
  return t;
}

const hmac = (key, msg) => crypto.createHmac('sha256', key).update(msg).digest();
// One notification round at `at` (the receivers answer meanwhile: this process is not blocked).
const run = promisify(execFile);
const remind = async (at) => {
  const { stdout } = await run(BIN, ['remind', '--db', DB, '--at', new Date(at).toISOString()], { encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').pop());
};
const decodeWord = (s) => s.replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));

// ---- fixture ----

let fx;
before(async () => {
  if (skip) return;
  const [receiver, smtp] = await Promise.all([startReceiver(), startSmtp()]);
  const { today } = expectStatus(await get('rep', '/api/auth/me'), 200);
  const org = expectStatus(await get('admin', '/api/org'), 200);
  const templates = expectStatus(await get('admin', '/api/report-templates'), 200).items;
  const orgWeek = templates.find((t) => t.kind === 'week' && t.team_id === null);
  const deadlineRule = orgWeek ? orgWeek.deadline : { day_offset: -2, time: '18:00' };
  const week = weekOf(addDays(today, 21));
  const deadline = zonedToUtc(addDays(week.from, 6 + deadlineRule.day_offset), deadlineRule.time, org.timezone);

  // A team of the test's own, with one rep who has a phone and an email.
  const region = await createRegion();
  const team = await createTeam(region.id);
  const user = await createUser({ phone: '13900001234', email: `notify.${Date.now()}@example.com` });
  await createMembership(user.id, team.id, { valid_from: today });

  const base = `http://127.0.0.1:${receiver.port}`;
  const make = async (body) => expectStatus(await post('admin', '/api/notification-channels', body), 201, body.name);
  const channels = {
    dingtalk: await make({ kind: 'dingtalk', name: '钉钉群', url: `${base}/dingtalk?access_token=tok`, secret: SECRET, team_id: team.id }),
    wecom: await make({ kind: 'wecom', name: '企业微信群', url: `${base}/wecom?key=k1`, team_id: team.id }),
    feishu: await make({ kind: 'feishu', name: '飞书群', url: `${base}/feishu`, secret: SECRET, team_id: team.id }),
    webhook: await make({ kind: 'webhook', name: 'Webhook', url: `${base}/hook`, secret: SECRET }),
    flaky: await make({ kind: 'webhook', name: '不稳定的 Webhook', url: `${base}/flaky`, team_id: team.id }),
    email: await make({
      kind: 'email', name: '邮件', url: `smtp://127.0.0.1:${smtp.port}`, sender: 'fupan@example.com', team_id: team.id,
    }),
  };
  fx = { receiver, smtp, week, deadline, team, user, channels };
});

after(() => {
  fx?.receiver.server.close();
  fx?.smtp.server.close();
});

const byPath = (path) => fx.receiver.got.filter((r) => r.path === path);

test('a channel\'s secret is written, never read back; only an admin manages channels', { skip }, async () => {
  const ch = expectStatus(await get('admin', `/api/notification-channels/${fx.channels.dingtalk.id}`), 200);
  assert.equal(ch.has_secret, true);
  assert.equal('secret' in ch, false);
  const list = expectStatus(await get('admin', '/api/notification-channels'), 200).items;
  for (const c of list) assert.equal('secret' in c, false);
  assert.ok(!JSON.stringify(list).includes(SECRET), 'no secret in the list');
  expectError(await get('manager', '/api/notification-channels'), 403, 'forbidden');
  expectError(await post('admin', '/api/notification-channels', { kind: 'dingtalk', name: 'x', url: 'smtp://x' }),
    400, 'invalid_field', 'url');
  expectError(await post('admin', '/api/notification-channels', { kind: 'sms', name: 'x', url: 'http://x' }),
    400, 'invalid_field', 'kind');
  expectError(await post('admin', '/api/notification-channels', { kind: 'email', name: 'x', url: 'smtp://x' }),
    400, 'missing_field', 'sender');
});

test('before the deadline: each robot and webhook gets one signed message, the rep one email', { skip }, async () => {
  const round = await remind(fx.deadline - 60 * 60 * 1000);
  assert.ok(round.queued >= 6, `queued ${round.queued}`);
  const name = fx.user.display_name;

  const [ding] = byPath('/dingtalk');
  assert.ok(ding, 'DingTalk got a message');
  assert.equal(ding.query.access_token, 'tok');
  assert.match(ding.query.timestamp, /^\d{13}$/);
  const dingSign = hmac(SECRET, `${ding.query.timestamp}\n${SECRET}`).toString('base64');
  assert.equal(ding.query.sign, dingSign, 'DingTalk signature');
  const dingBody = JSON.parse(ding.body);
  assert.equal(dingBody.msgtype, 'text');
  assert.ok(dingBody.text.content.includes(fx.week.period) && dingBody.text.content.includes(name), dingBody.text.content);
  assert.ok(dingBody.text.content.startsWith('【周报提醒】'));
  assert.deepEqual(dingBody.at, { atMobiles: ['13900001234'], isAtAll: false });

  const [wecom] = byPath('/wecom');
  assert.equal(wecom.query.key, 'k1');
  const wecomBody = JSON.parse(wecom.body);
  assert.equal(wecomBody.msgtype, 'text');
  assert.equal(wecomBody.text.content, dingBody.text.content);
  assert.deepEqual(wecomBody.text.mentioned_mobile_list, ['13900001234']);

  const [feishu] = byPath('/feishu');
  const feishuBody = JSON.parse(feishu.body);
  assert.match(feishuBody.timestamp, /^\d{10}$/);
  assert.equal(feishuBody.sign, hmac(`${feishuBody.timestamp}\n${SECRET}`, '').toString('base64'), 'Feishu signature');
  assert.equal(feishuBody.msg_type, 'text');
  assert.equal(feishuBody.content.text, dingBody.text.content);

  const [hook] = byPath('/hook');
  assert.equal(hook.headers['x-fupan-signature'], `sha256=${hmac(SECRET, hook.body).toString('hex')}`);
  const hookBody = JSON.parse(hook.body);
  assert.equal(hookBody.event, 'report.reminder');
  assert.equal(hookBody.data.period, fx.week.period);
  assert.equal(hookBody.data.stage, 'before');
  assert.equal(Date.parse(hookBody.data.deadline), fx.deadline);
  // The org's webhook names everyone expected who has not handed in, the test's rep among them.
  assert.ok(hookBody.data.users.some((u) => u.id === fx.user.id));
  assert.ok(hookBody.data.users.length >= 2, 'the whole org');

  const mails = fx.smtp.mails.filter((m) => m.to.includes(`<${fx.user.email}>`));
  assert.equal(mails.length, 1, 'one email to the rep');
  assert.equal(mails[0].from, '<fupan@example.com>');
  const headers = mails[0].data.split('\r\n\r\n')[0];
  assert.match(headers, /^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/m);
  const subject = decodeWord(headers.match(/^Subject: (.*)$/m)[1]);
  assert.ok(subject.includes(fx.week.period), subject);
  const text = Buffer.from(mails[0].data.split('\r\n\r\n')[1].replace(/\r\n/g, ''), 'base64').toString('utf8');
  assert.ok(text.includes(name) && text.includes(fx.week.period), text);
});

test('a receiver that fails is logged and retried after its backoff', { skip }, async () => {
  const log = expectStatus(await get('admin', `/api/notification-channels/deliveries?channel=${fx.channels.flaky.id}`), 200).items;
  assert.equal(log.length, 1);
  assert.equal(log[0].status, 'queued');
  assert.equal(log[0].attempts, 1);
  assert.match(log[0].last_error, /HTTP 500/);
  assert.equal(Date.parse(log[0].next_attempt_at), fx.deadline - 60 * 60 * 1000 + 30 * 1000, 'retried 30 s later');
  // Not yet due 10 s later; sent at the retry.
  assert.equal((await remind(fx.deadline - 60 * 60 * 1000 + 10 * 1000)).sent, 0);
  const retried = await remind(fx.deadline - 60 * 60 * 1000 + 31 * 1000);
  assert.equal(retried.sent, 1);
  const after = expectStatus(await get('admin', `/api/notification-channels/deliveries?channel=${fx.channels.flaky.id}`), 200).items;
  assert.equal(after[0].status, 'sent');
  assert.equal(after[0].attempts, 2);
  assert.equal(byPath('/flaky').length, 2);
});

test('a round repeated (a restarted server) sends nothing twice', { skip }, async () => {
  const count = fx.receiver.got.length;
  const mails = fx.smtp.mails.length;
  const again = await remind(fx.deadline - 30 * 60 * 1000);
  assert.equal(again.queued, 0);
  assert.equal(again.sent, 0);
  assert.equal(again.reminded, 0);
  assert.equal(fx.receiver.got.length, count);
  assert.equal(fx.smtp.mails.length, mails);
});

test('after the deadline whoever still has not handed in is told once more', { skip }, async () => {
  const before = byPath('/dingtalk').length;
  const round = await remind(fx.deadline + 2 * 60 * 60 * 1000);
  assert.ok(round.queued >= 6);
  const ding = byPath('/dingtalk');
  assert.equal(ding.length, before + 1);
  const content = JSON.parse(ding.at(-1).body).text.content;
  assert.ok(content.startsWith('【周报逾期】'), content);
  // In the app too: the rep's reminders include the period's two stages.
  const session = expectStatus(await post('anonymous', '/api/auth/login', {
    username: fx.user.username, password: 'test-pass-2026',
  }), 200);
  const todos = expectStatus(await get({ token: session.token }, '/api/todos'), 200);
  const notes = todos.reminders.filter((r) => r.kind === 'report').map((r) => r.note);
  assert.ok(notes.includes(`${fx.week.period} before`) && notes.includes(`${fx.week.period} after`), notes.join());
  assert.equal((await remind(fx.deadline + 3 * 60 * 60 * 1000)).queued, 0, 'and only once');
});

test('a test message goes out on the next round', { skip }, async () => {
  const queued = expectStatus(await post('admin', `/api/notification-channels/${fx.channels.wecom.id}/test`, {}), 202);
  assert.equal(queued.status, 'queued');
  const before = byPath('/wecom').length;
  await remind(Date.now() + 1000);
  const sent = byPath('/wecom').slice(before).map((r) => JSON.parse(r.body).text.content);
  assert.equal(sent.filter((t) => /测试消息/.test(t)).length, 1, sent.join());
  const c = expectStatus(await get('admin', `/api/notification-channels/${fx.channels.wecom.id}`), 200);
  const off = expectStatus(await patch('admin', `/api/notification-channels/${c.id}`, { active: false, version: c.version }), 200);
  assert.equal(off.active, false);
  expectError(await patch('admin', `/api/notification-channels/${c.id}`, { active: true, version: c.version }), 409, 'version_conflict');
});
