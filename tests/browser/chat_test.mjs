// Headless-browser test of the customer chat page (/chat) against a real tandem-hub.
//
// Run by CTest (label "browser") as `node chat_test.mjs` in tests/browser, with TANDEM_HUB_BIN
// naming the hub binary. Installs its node dependencies with `npm ci` when they are missing.
// Optional: TANDEM_SCREENSHOT_DIR=dir saves screenshots there; TANDEM_CHROMIUM=path overrides
// /usr/bin/chromium.
//
// Prints one line per check and a closing line `N passed, N failed`; exits non-zero on failure.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const TIMEOUT = 30_000;          // every wait on a condition
const WATCHDOG = 270_000;        // the whole run (CTest's limit is 300 s)

// ------------------------------------------------------------------ dependencies

function ensureDependencies() {
  const lock = JSON.parse(fs.readFileSync(path.join(here, 'package-lock.json'), 'utf8'));
  const stale = ['playwright-core', 'ws'].some((name) => {
    const want = lock.packages?.[`node_modules/${name}`]?.version;
    try {
      const have = JSON.parse(fs.readFileSync(path.join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
      return have !== want;
    } catch {
      return true;
    }
  });
  if (!stale) return;
  console.log('# installing test dependencies with npm ci');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ci failed (exit ${r.status ?? r.signal ?? r.error})`);
}

// ------------------------------------------------------------------ small helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(fn, what, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (${last.message})` : ''}`);
    await sleep(100);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

let passed = 0;
let failed = 0;
let liveHub = null;               // killed by the watchdog if the run hangs

// Runs one named check; returns false (and records the failure) if it throws.
async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok - ${name} (${Date.now() - t0} ms)`);
    return true;
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n    ${String(e && e.stack ? e.stack : e).split('\n').slice(0, 6).join('\n    ')}`);
    return false;
  }
}

function skip(name, why) {
  failed++;
  console.log(`not ok - ${name} # not run: ${why}`);
}

// ------------------------------------------------------------------ the hub

class Hub {
  constructor(bin, dir) {
    this.bin = bin;
    this.database = `sqlite:${path.join(dir, 'tandem.db')}`;
    this.log = [];
    this.proc = null;
    this.port = 0;
  }

  addUser(name, password) {
    const r = spawnSync(this.bin, ['user', 'add', name, '--role', 'agent', '--database', this.database], {
      input: `${password}\n`,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
    });
    if (r.status !== 0) {
      throw new Error(`tandem-hub user add failed (exit ${r.status ?? r.signal ?? r.error}):\n${r.stdout}\n${r.stderr}`);
    }
  }

  async start(port = 0) {
    const proc = spawn(this.bin, ['serve', '--listen', `127.0.0.1:${port}`, '--database', this.database], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
    });
    this.proc = proc;
    let exited = null;
    proc.on('exit', (code, signal) => {
      exited = { code, signal };
      this.log.push(`[hub exited: code ${code} signal ${signal}]`);
    });
    let buffered = '';
    let listening = null;
    const onData = (chunk) => {
      const text = chunk.toString('utf8');
      buffered += text;
      for (const line of text.split('\n')) if (line.trim()) this.log.push(line);
      const m = /Listening on http:\/\/([0-9.]+):(\d+)/.exec(buffered);
      if (m && !listening) listening = { host: m[1], port: Number(m[2]) };
    };
    proc.stderr.on('data', onData);
    proc.stdout.on('data', onData);
    await waitUntil(() => {
      if (exited) throw new Error(`hub exited before listening: ${JSON.stringify(exited)}`);
      return listening;
    }, 'the hub to print "Listening on http://…"');
    this.host = listening.host;
    this.port = listening.port;
    this.exited = () => exited;
    return this;
  }

  get httpBase() { return `http://${this.host}:${this.port}`; }
  get wsBase() { return `ws://${this.host}:${this.port}`; }

  async stop() {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  }

  tail(n = 60) { return this.log.slice(-n).join('\n'); }
}

// ------------------------------------------------------------------ the agent (a WebSocket client)

class Agent {
  constructor(WebSocket, url) {
    this.WebSocket = WebSocket;
    this.url = url;
    this.frames = [];
    this.listeners = new Set();
    this.nextId = 1;
  }

  open() {
    return new Promise((resolve, reject) => {
      const ws = new this.WebSocket(this.url);
      this.ws = ws;
      ws.on('open', resolve);
      ws.on('error', reject);
      ws.on('message', (data) => {
        let f;
        try { f = JSON.parse(data.toString('utf8')); } catch { return; }
        this.frames.push(f);
        for (const l of [...this.listeners]) l(f);
      });
    });
  }

  // Resolves with the first frame (already received or future) that satisfies pred.
  waitFor(pred, what, timeout = TIMEOUT) {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const l = (f) => {
        if (!pred(f)) return;
        clearTimeout(timer);
        this.listeners.delete(l);
        resolve(f);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(l);
        reject(new Error(`agent: timed out after ${timeout} ms waiting for ${what}`));
      }, timeout);
      this.listeners.add(l);
    });
  }

  async request(type, fields = {}) {
    const id = String(this.nextId++);
    const reply = this.waitFor((f) => f.id === id && (f.type === 'ack' || f.type === 'error'), `a reply to ${type} #${id}`);
    this.ws.send(JSON.stringify({ v: 1, type, id, ...fields }));
    const f = await reply;
    if (f.type === 'error') throw new Error(`agent ${type} failed: ${f.code}: ${f.message}`);
    return f;
  }

  // A customer message as the agent sees it in a message.created event.
  waitForCustomerMessage(text, what) {
    return this.waitFor(
      (f) => f.type === 'event' && f.kind === 'message.created' && f.data?.message?.sender === 'customer' && f.data.message.text === text,
      what || `message.created with text ${JSON.stringify(text)}`,
    );
  }

  close() {
    try { this.ws?.close(); } catch { /* ignore */ }
  }
}

// ------------------------------------------------------------------ page helpers

const customerBubble = (page, text) =>
  page.locator('#messages li[data-sender="customer"]').filter({ has: page.locator('.msg__text', { hasText: text }) });
const agentBubble = (page, text) =>
  page.locator('#messages li[data-sender="agent"]').filter({ has: page.locator('.msg__text', { hasText: text }) });

async function waitConnected(page) {
  await page.waitForSelector('#conn[data-state="connected"]', { timeout: TIMEOUT });
}

async function sendFromPage(page, text) {
  const input = page.locator('#input');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

async function transcript(page) {
  return page.$$eval('#messages li', (lis) => lis.map((li) => ({
    sender: li.dataset.sender,
    id: li.dataset.id ? Number(li.dataset.id) : null,
    status: li.dataset.status,
    text: li.querySelector('.msg__text')?.textContent ?? '',
  })));
}

async function screenshot(page, name) {
  const dir = process.env.TANDEM_SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  await page.screenshot({ path: file, animations: 'disabled' });
  console.log(`# screenshot: ${file}`);
}

// ------------------------------------------------------------------ main

async function main() {
  ensureDependencies();
  const { chromium } = await import('playwright-core');
  const { default: WebSocket } = await import('ws');

  const hubBin = path.resolve(process.env.TANDEM_HUB_BIN || path.join(here, '../../build/bin/tandem-hub'));
  if (!fs.existsSync(hubBin)) throw new Error(`hub binary not found: ${hubBin} (set TANDEM_HUB_BIN)`);
  const chromiumBin = process.env.TANDEM_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(chromiumBin)) throw new Error(`chromium not found: ${chromiumBin}`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-browser-'));
  const hub = new Hub(hubBin, tmp);
  liveHub = hub;
  const agents = [];
  let browser = null;
  const pageErrors = [];

  try {
    const password = randomBytes(12).toString('hex');
    if (!(await check('hub: create agent "alice" with `tandem-hub user add`', () => hub.addUser('alice', password)))) return;
    if (!(await check('hub: `tandem-hub serve` listens on an ephemeral port', () => hub.start(0)))) return;
    console.log(`# hub at ${hub.httpBase}`);

    browser = await chromium.launch({
      executablePath: chromiumBin,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });

    const agent = new Agent(WebSocket, `${hub.wsBase}/ws/agent`);
    agents.push(agent);
    const agentReady = check('agent: logs in on /ws/agent (snapshot, then ack with a token)', async () => {
      await agent.open();
      const ack = await agent.request('login', { username: 'alice', password });
      assert(typeof ack.token === 'string' && ack.token, 'login ack has no token');
      assert(agent.frames.some((f) => f.type === 'snapshot'), 'no snapshot frame before the login ack');
    });

    // ---------------------------------------------------------------- desktop, English

    const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await desktop.newPage();
    page.on('pageerror', (e) => pageErrors.push(`desktop: ${e.message}`));

    let ok = await check('desktop en: /chat?lang=en loads, English UI, connects', async () => {
      const res = await page.goto(`${hub.httpBase}/chat?lang=en`, { timeout: TIMEOUT });
      assert(res && res.ok(), `GET /chat answered ${res && res.status()}`);
      await waitConnected(page);
      assert((await page.getAttribute('html', 'lang')) === 'en', 'html lang is not "en"');
      const title = (await page.textContent('h1')).trim();
      assert(title === 'Chat with us', `unexpected heading ${JSON.stringify(title)}`);
      assert((await page.getAttribute('#input', 'placeholder')) === 'Type a message…', 'unexpected placeholder');
      assert((await page.inputValue('#lang')) === 'en', 'language switcher does not show English');
      for (const asset of ['/chat/chat.css', '/chat/chat.js', '/chat/favicon.svg']) {
        const r = await page.request.get(hub.httpBase + asset);
        assert(r.ok(), `GET ${asset} answered ${r.status()}`);
      }
    });
    const agentOk = await agentReady;

    const hello = 'Hello, my parcel #42 has not arrived <b>yet</b>';
    const reply = 'Hi! This is Alice, let me check that for you.';
    let conversationId = null;

    ok = ok && await check('desktop en: Enter sends the message and the hub acks it', async () => {
      await sendFromPage(page, hello);
      await customerBubble(page, hello).waitFor({ timeout: TIMEOUT });
      await page.waitForFunction((text) => [...document.querySelectorAll('#messages li[data-sender="customer"]')]
        .some((li) => li.dataset.status === 'sent' && li.dataset.id && li.querySelector('.msg__text').textContent === text), hello, { timeout: TIMEOUT });
      assert((await page.inputValue('#input')) === '', 'the input was not cleared');
      const escaped = await page.$$eval('#messages b', (bs) => bs.length);
      assert(escaped === 0, 'message text was interpreted as HTML');
    });

    ok = ok && agentOk && await check('agent: sees the customer message, claims the conversation and replies', async () => {
      const ev = await agent.waitForCustomerMessage(hello);
      conversationId = ev.conversationId ?? ev.data.message.conversationId;
      assert(Number.isInteger(conversationId), 'event has no conversationId');
      const claimed = await agent.request('claim', { conversationId });
      assert(claimed.conversation?.state === 'assigned', `claim ack state is ${claimed.conversation?.state}`);
      const sent = await agent.request('send', { conversationId, text: reply });
      assert(sent.message?.text === reply, 'send ack does not carry the message');
    });

    ok = ok && await check('desktop en: the agent reply appears live with the agent name', async () => {
      const bubble = agentBubble(page, reply);
      await bubble.waitFor({ timeout: TIMEOUT });
      const name = (await bubble.locator('.msg__name').textContent()).trim();
      assert(name === 'alice', `agent name shown as ${JSON.stringify(name)}`);
      const time = await bubble.locator('time').getAttribute('datetime');
      assert(time && !Number.isNaN(Date.parse(time)), 'reply has no machine-readable time');
    });

    ok && await check('desktop en: the conversation state shows that alice joined', async () => {
      await page.waitForFunction(() => {
        const b = document.querySelector('#banner');
        return b && !b.hidden && b.dataset.state === 'assigned' && /alice/.test(b.textContent);
      }, null, { timeout: TIMEOUT });
    });

    ok && await check('desktop en: agent text with markup is shown as text, never as HTML', async () => {
      const markup = '<img src=x onerror="window.__pwned=1"><i>not italic</i> & done';
      await agent.request('send', { conversationId, text: markup });
      await agentBubble(page, 'not italic').waitFor({ timeout: TIMEOUT });
      const shown = await agentBubble(page, 'not italic').locator('.msg__text').textContent();
      assert(shown === markup, `shown as ${JSON.stringify(shown)}`);
      assert((await page.$$eval('#messages img, #messages i', (n) => n.length)) === 0, 'markup became elements');
      assert(!(await page.evaluate(() => window.__pwned)), 'script ran');
    });

    let customerKey = null;
    ok = ok && await check('desktop en: after a reload the transcript is back and the conversation continues', async () => {
      customerKey = await page.evaluate(() => localStorage.getItem('tandem.chat.customerKey'));
      assert(/^[0-9a-f]{32,}$/.test(customerKey || ''), `customerKey ${JSON.stringify(customerKey)} is not >= 128 bits of hex`);
      await page.reload({ timeout: TIMEOUT });
      await waitConnected(page);
      await customerBubble(page, hello).waitFor({ timeout: TIMEOUT });
      await agentBubble(page, reply).waitFor({ timeout: TIMEOUT });
      const t = await transcript(page);
      const iHello = t.findIndex((m) => m.sender === 'customer' && m.text === hello);
      const iReply = t.findIndex((m) => m.sender === 'agent' && m.text === reply);
      assert(iHello >= 0 && iReply > iHello, `transcript out of order: ${JSON.stringify(t)}`);
      assert(t.filter((m) => m.text === hello).length === 1, 'the customer message is shown twice');
      assert((await page.evaluate(() => localStorage.getItem('tandem.chat.customerKey'))) === customerKey, 'customerKey changed');

      const more = 'Thanks! One more question about delivery.';
      await sendFromPage(page, more);
      const ev = await agent.waitForCustomerMessage(more);
      const cid = ev.conversationId ?? ev.data.message.conversationId;
      assert(cid === conversationId, `the follow-up went to conversation ${cid}, not ${conversationId}`);
      await page.waitForFunction((text) => [...document.querySelectorAll('#messages li[data-sender="customer"]')]
        .some((li) => li.dataset.status === 'sent' && li.querySelector('.msg__text').textContent === text), more, { timeout: TIMEOUT });
    });
    if (ok) await screenshot(page, 'chat-desktop-en.png');

    // ---------------------------------------------------------------- phone, Simplified Chinese

    const phone = await browser.newContext({
      viewport: { width: 375, height: 700 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN',
    });
    const mobile = await phone.newPage();
    mobile.on('pageerror', (e) => pageErrors.push(`phone: ${e.message}`));
    const zhText = '我的订单还没到';
    const zhReply = '您好，我马上为您查询物流信息。';

    let zhOk = await check('phone zh-CN: /chat picks Simplified Chinese from the browser language', async () => {
      await mobile.goto(`${hub.httpBase}/chat`, { timeout: TIMEOUT });
      await waitConnected(mobile);
      assert((await mobile.getAttribute('html', 'lang')) === 'zh-CN', 'html lang is not zh-CN');
      const title = (await mobile.textContent('h1')).trim();
      assert(title === '在线客服', `heading is ${JSON.stringify(title)}`);
      assert((await mobile.getAttribute('#input', 'placeholder')) === '输入消息…', 'placeholder is not Chinese');
      assert((await mobile.textContent('#conn-text')).trim() === '已连接', 'connection status is not Chinese');
      const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    });

    zhOk = zhOk && agentOk && await check('phone zh-CN: a Chinese message reaches the agent exactly, the reply comes back', async () => {
      await mobile.locator('#input').tap();
      await mobile.locator('#input').fill(zhText);
      await mobile.locator('#send').tap();
      const ev = await agent.waitForCustomerMessage(zhText, 'the Chinese message, byte for byte');
      const cid = ev.conversationId ?? ev.data.message.conversationId;
      assert(cid !== conversationId, 'a new browser joined the other customer\'s conversation');
      await agent.request('claim', { conversationId: cid });
      await agent.request('send', { conversationId: cid, text: zhReply });
      await agentBubble(mobile, zhReply).waitFor({ timeout: TIMEOUT });
      const shown = await customerBubble(mobile, zhText).locator('.msg__text').textContent();
      assert(shown === zhText, `customer bubble shows ${JSON.stringify(shown)}`);
      await mobile.waitForFunction(() => /alice 已加入对话/.test(document.querySelector('#banner')?.textContent || ''), null, { timeout: TIMEOUT });
    });
    if (zhOk) await screenshot(mobile, 'chat-phone-zh-CN.png');

    await check('phone: the language switcher changes the UI to Traditional Chinese', async () => {
      await mobile.selectOption('#lang', 'zh-TW');
      await mobile.waitForFunction(() => document.querySelector('h1').textContent.trim() === '線上客服', null, { timeout: TIMEOUT });
      assert((await mobile.getAttribute('html', 'lang')) === 'zh-TW', 'html lang is not zh-TW');
    });
    await phone.close();

    // ---------------------------------------------------------------- outage: queue while the hub is down

    if (ok) {
      await check('desktop en: a message written while the hub is down is sent once after it returns', async () => {
        const port = hub.port;
        await hub.stop();
        await page.waitForSelector('#conn[data-state="reconnecting"], #conn[data-state="offline"]', { timeout: TIMEOUT });
        const offline = 'Sent while you were away';
        await sendFromPage(page, offline);
        await page.waitForSelector('#messages li[data-status="pending"]', { timeout: TIMEOUT });
        const stored = await page.evaluate(() => localStorage.getItem('tandem.chat.pending.v1') || '');
        assert(stored.includes(offline), 'the pending message is not kept in localStorage');
        await hub.start(port);
        await waitConnected(page);
        await page.waitForFunction((text) => [...document.querySelectorAll('#messages li[data-sender="customer"]')]
          .some((li) => li.dataset.status === 'sent' && li.dataset.id && li.querySelector('.msg__text').textContent === text), offline, { timeout: TIMEOUT });
        await page.reload({ timeout: TIMEOUT });
        await waitConnected(page);
        await customerBubble(page, offline).waitFor({ timeout: TIMEOUT });
        const t = await transcript(page);
        assert(t.filter((m) => m.text === offline).length === 1, `shown ${t.filter((m) => m.text === offline).length} times`);
        assert(t.some((m) => m.text === reply), 'the earlier transcript is gone');
        assert(!(await page.evaluate(() => localStorage.getItem('tandem.chat.pending.v1'))), 'the pending list was not emptied');
      });
    } else {
      skip('desktop en: a message written while the hub is down is sent once after it returns', 'earlier desktop checks failed');
    }

    await check('no uncaught script errors in the page', async () => {
      assert(pageErrors.length === 0, pageErrors.join('\n'));
    });
  } finally {
    for (const a of agents) a.close();
    if (browser) await browser.close().catch(() => {});
    await hub.stop().catch(() => {});
    if (failed > 0) console.log(`# last hub log lines:\n${hub.tail().replace(/^/gm, '#   ')}`);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.log(`not ok - the test did not finish within ${WATCHDOG / 1000} s`);
  try { liveHub?.proc?.kill('SIGKILL'); } catch { /* ignore */ }
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, WATCHDOG);

try {
  await main();
} catch (e) {
  failed++;
  console.log(`not ok - setup: ${e && e.stack ? e.stack : e}`);
}
clearTimeout(watchdog);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
