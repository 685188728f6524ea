/* Tandem customer chat page.
 *
 * Speaks protocol v1 on /ws/customer (see docs/protocol.md): a `hello` first, then `message` and
 * `ping` commands; the hub pushes `message`, `state` and `error` frames.
 *
 * Message text is only ever put into the page as text nodes (never innerHTML).
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- strings

  var STRINGS = {
    'en': {
      pageTitle: 'Tandem · Chat with us',
      title: 'Chat with us',
      language: 'Language',
      connecting: 'Connecting…',
      connected: 'Connected',
      reconnecting: 'Reconnecting…',
      offline: 'You’re offline',
      retryNow: 'Retry now',
      conversation: 'Conversation',
      welcomeTitle: 'How can we help?',
      welcomeBody: 'Send us a message and we’ll get back to you as soon as we can. Your conversation stays here, even if you reload the page.',
      stateBot: 'Our assistant is answering. A person can join whenever you need one.',
      stateWaiting: 'Waiting for an agent to join…',
      stateAssigned: '{name} joined the conversation',
      stateAssignedAnon: 'An agent joined the conversation',
      stateClosed: 'This conversation has been closed.',
      newConversation: 'Start a new conversation',
      namePrompt: 'What should we call you? (optional)',
      namePlaceholder: 'Your name',
      nameSave: 'Save',
      nameSkip: 'Skip',
      nameSaved: 'Thanks, {name}!',
      messageLabel: 'Message',
      messagePlaceholder: 'Type a message…',
      composerHint: 'Enter to send · Shift+Enter for a new line',
      send: 'Send',
      charsLeft: '{n} characters left',
      charsLimit: 'Character limit reached',
      you: 'You',
      youSaid: 'You said',
      assistant: 'Assistant',
      agent: 'Agent',
      botBadge: 'Bot',
      system: 'Notice',
      sending: 'Sending…',
      waitingNetwork: 'Will send once reconnected',
      notSent: 'Not sent',
      retry: 'Retry',
      discard: 'Delete',
      newMessages: 'New messages',
      dismiss: 'Dismiss',
      errRateLimited: 'You’re sending too fast. Please wait a moment, we’ll send it for you.',
      errTooLong: 'That message is too long to send.',
      errInvalid: 'That message couldn’t be sent.',
      errCapacity: 'We’re very busy right now. Please try again in a little while.',
      errUnauthenticated: 'Your session expired. Reconnecting…',
      errInternal: 'Something went wrong on our side. We’ll keep trying.',
      errGeneric: 'Something went wrong. Please try again.',
      unreadTitle: '({n}) New message · Tandem'
    },
    'zh-CN': {
      pageTitle: 'Tandem · 在线客服',
      title: '在线客服',
      language: '语言',
      connecting: '正在连接…',
      connected: '已连接',
      reconnecting: '正在重新连接…',
      offline: '网络已断开',
      retryNow: '立即重试',
      conversation: '对话记录',
      welcomeTitle: '有什么可以帮您？',
      welcomeBody: '请给我们留言，我们会尽快回复您。刷新页面后，对话记录依然保留。',
      stateBot: '智能助手正在为您解答，需要时可转接人工客服。',
      stateWaiting: '正在等待客服接入…',
      stateAssigned: '{name} 已加入对话',
      stateAssignedAnon: '客服已加入对话',
      stateClosed: '本次对话已结束。',
      newConversation: '开始新的对话',
      namePrompt: '我们该如何称呼您？（可选）',
      namePlaceholder: '您的称呼',
      nameSave: '保存',
      nameSkip: '跳过',
      nameSaved: '谢谢，{name}！',
      messageLabel: '消息',
      messagePlaceholder: '输入消息…',
      composerHint: '按 Enter 发送，Shift+Enter 换行',
      send: '发送',
      charsLeft: '还可输入 {n} 个字符',
      charsLimit: '已达到字数上限',
      you: '我',
      youSaid: '我说',
      assistant: '智能助手',
      agent: '客服',
      botBadge: '机器人',
      system: '通知',
      sending: '发送中…',
      waitingNetwork: '连接恢复后自动发送',
      notSent: '未发送',
      retry: '重试',
      discard: '删除',
      newMessages: '有新消息',
      dismiss: '关闭',
      errRateLimited: '您发送得太快了，请稍候，我们会自动为您发送。',
      errTooLong: '消息太长，无法发送。',
      errInvalid: '这条消息无法发送。',
      errCapacity: '当前咨询量较大，请稍后再试。',
      errUnauthenticated: '会话已过期，正在重新连接…',
      errInternal: '服务暂时出现问题，我们会继续尝试。',
      errGeneric: '出了点问题，请重试。',
      unreadTitle: '（{n}）新消息 · Tandem'
    },
    'zh-TW': {
      pageTitle: 'Tandem · 線上客服',
      title: '線上客服',
      language: '語言',
      connecting: '正在連線…',
      connected: '已連線',
      reconnecting: '正在重新連線…',
      offline: '網路已中斷',
      retryNow: '立即重試',
      conversation: '對話紀錄',
      welcomeTitle: '有什麼可以幫您？',
      welcomeBody: '請給我們留言，我們會盡快回覆您。重新整理頁面後，對話紀錄依然保留。',
      stateBot: '智慧助理正在為您解答，需要時可轉接真人客服。',
      stateWaiting: '正在等待客服接入…',
      stateAssigned: '{name} 已加入對話',
      stateAssignedAnon: '客服已加入對話',
      stateClosed: '本次對話已結束。',
      newConversation: '開始新的對話',
      namePrompt: '我們該如何稱呼您？（選填）',
      namePlaceholder: '您的稱呼',
      nameSave: '儲存',
      nameSkip: '略過',
      nameSaved: '謝謝，{name}！',
      messageLabel: '訊息',
      messagePlaceholder: '輸入訊息…',
      composerHint: '按 Enter 傳送，Shift+Enter 換行',
      send: '傳送',
      charsLeft: '還可輸入 {n} 個字元',
      charsLimit: '已達字數上限',
      you: '我',
      youSaid: '我說',
      assistant: '智慧助理',
      agent: '客服',
      botBadge: '機器人',
      system: '通知',
      sending: '傳送中…',
      waitingNetwork: '連線恢復後自動傳送',
      notSent: '未傳送',
      retry: '重試',
      discard: '刪除',
      newMessages: '有新訊息',
      dismiss: '關閉',
      errRateLimited: '您傳送得太快了，請稍候，我們會自動為您傳送。',
      errTooLong: '訊息太長，無法傳送。',
      errInvalid: '這則訊息無法傳送。',
      errCapacity: '目前諮詢量較大，請稍後再試。',
      errUnauthenticated: '工作階段已過期，正在重新連線…',
      errInternal: '服務暫時出現問題，我們會繼續嘗試。',
      errGeneric: '出了點問題，請重試。',
      unreadTitle: '（{n}）新訊息 · Tandem'
    }
  };
  var LANGS = ['en', 'zh-CN', 'zh-TW'];

  // ---------------------------------------------------------------- constants

  var MAX_TEXT = 4000;          // characters (UTF-16 code units, as the hub counts)
  var COUNTER_FROM = 3600;      // show the counter from here on
  var MAX_NAME = 80;
  var PING_EVERY_MS = 25000;
  var PING_TIMEOUT_MS = 10000;
  var HELLO_TIMEOUT_MS = 15000;
  var ACK_TIMEOUT_MS = 20000;
  var BACKOFF_MIN_MS = 500;
  var BACKOFF_MAX_MS = 10000;
  var CONT_WINDOW_MS = 5 * 60 * 1000; // group consecutive messages from one sender within this

  var KEY = {
    customerKey: 'tandem.chat.customerKey',
    pending: 'tandem.chat.pending.v1',
    name: 'tandem.chat.name',
    nameAsked: 'tandem.chat.nameAsked',
    lang: 'tandem.chat.lang',
    dismissed: 'tandem.chat.dismissedConversation'
  };

  // ---------------------------------------------------------------- storage (never throws)

  var memoryStore = {};
  var store = {
    get: function (k) {
      try { var v = window.localStorage.getItem(k); return v === null ? (k in memoryStore ? memoryStore[k] : null) : v; }
      catch (e) { return k in memoryStore ? memoryStore[k] : null; }
    },
    set: function (k, v) {
      memoryStore[k] = String(v);
      try { window.localStorage.setItem(k, String(v)); } catch (e) { /* private mode or full: memory only */ }
    },
    remove: function (k) {
      delete memoryStore[k];
      try { window.localStorage.removeItem(k); } catch (e) { /* ignore */ }
    },
    getJson: function (k, fallback) {
      var v = store.get(k);
      if (v === null) return fallback;
      try { return JSON.parse(v); } catch (e) { return fallback; }
    },
    setJson: function (k, v) { store.set(k, JSON.stringify(v)); }
  };

  // ---------------------------------------------------------------- ids

  function randomHex(bytes) {
    var a = new Uint8Array(bytes);
    window.crypto.getRandomValues(a);
    var s = '';
    for (var i = 0; i < a.length; i++) s += (a[i] < 16 ? '0' : '') + a[i].toString(16);
    return s;
  }

  // crypto.randomUUID only exists in secure contexts; getRandomValues works everywhere.
  function newId() {
    var h = randomHex(16).split('');
    h[12] = '4';
    h[16] = '89ab'[parseInt(h[16], 16) & 3];
    h = h.join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function customerKey() {
    var k = store.get(KEY.customerKey);
    if (!k || !/^[0-9a-f]{32,128}$/.test(k)) {
      k = randomHex(16); // 128 bits
      store.set(KEY.customerKey, k);
    }
    return k;
  }

  // ---------------------------------------------------------------- language

  function normaliseLang(tag) {
    if (!tag) return null;
    var t = String(tag).toLowerCase().replace(/_/g, '-');
    if (t === 'en' || t.indexOf('en-') === 0) return 'en';
    if (t === 'zh-tw' || t === 'zh-hk' || t === 'zh-mo' || t.indexOf('zh-hant') === 0) return 'zh-TW';
    if (t === 'zh' || t.indexOf('zh-') === 0) return 'zh-CN'; // zh-CN, zh-SG, zh-Hans, …
    return null;
  }

  function queryLang() {
    try {
      var q = new URLSearchParams(window.location.search).get('lang');
      return q && LANGS.indexOf(q) >= 0 ? q : normaliseLang(q);
    } catch (e) { return null; }
  }

  function browserLang() {
    var list = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language];
    for (var i = 0; i < list.length; i++) {
      var l = normaliseLang(list[i]);
      if (l) return l;
    }
    return 'en';
  }

  function initialLang() {
    var q = queryLang();
    if (q) return q;
    var saved = store.get(KEY.lang);
    if (saved && LANGS.indexOf(saved) >= 0) return saved;
    return browserLang();
  }

  var lang = initialLang();

  function t(key, params) {
    var s = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
    if (params) {
      s = s.replace(/\{(\w+)\}/g, function (m, p) { return p in params ? String(params[p]) : m; });
    }
    return s;
  }

  // ---------------------------------------------------------------- DOM

  function $(id) { return document.getElementById(id); }

  var el = {};

  function el_(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // ---------------------------------------------------------------- state

  var conversation = null;           // the open conversation, as the hub last described it
  var messages = new Map();          // message id -> message object (this conversation only)
  var maxMessageId = 0;
  var pending = [];                  // [{id, text, createdMs, failed, boundId}] this page knows about
  var inflight = null;               // the pending item sent and not yet acked
  var inflightTimer = 0;
  var resendTimer = 0;
  var sendAttempts = {};             // pending id -> attempts answered with a retryable error

  var ws = null;
  var ready = false;                 // hello acked on the current socket
  var helloId = null;
  var helloTimer = 0;
  var everConnected = false;
  var attempt = 0;
  var reconnectTimer = 0;
  var pingTimer = 0;
  var pingTimeout = 0;
  var pingId = null;
  var connState = 'connecting';
  var renewing = false;              // reconnecting on purpose (e.g. to send a new name): keep the status quiet
  var unread = 0;
  var stuck = true;                  // the log is scrolled to its end

  // ---------------------------------------------------------------- time formatting

  function msgTime(m) {
    if (typeof m.timeMs === 'number') return new Date(m.timeMs);
    var d = new Date(m.time);
    return isNaN(d.getTime()) ? new Date() : d;
  }

  function fmtTime(d) {
    var now = new Date();
    var sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
    var opts = sameDay ? { hour: 'numeric', minute: '2-digit' }
      : (d.getFullYear() === now.getFullYear()
        ? { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }
        : { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    try { return new Intl.DateTimeFormat(lang, opts).format(d); } catch (e) { return d.toLocaleTimeString(); }
  }

  function fmtFull(d) {
    try { return new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short' }).format(d); }
    catch (e) { return d.toString(); }
  }

  function timeEl(d) {
    var te = el_('time', 'msg__time', fmtTime(d));
    te.dateTime = d.toISOString();
    te.title = fmtFull(d);
    return te;
  }

  // ---------------------------------------------------------------- text with safe links

  var URL_RE = /\bhttps?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}。，；：！？）】]/g;

  function appendText(parent, text) {
    var last = 0, m;
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      var a = document.createElement('a');
      a.href = m[0];
      a.textContent = m[0];
      a.target = '_blank';
      a.rel = 'noopener noreferrer nofollow';
      parent.appendChild(a);
      last = m.index + m[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // ---------------------------------------------------------------- rendering messages

  function senderLabel(m) {
    if (m.sender === 'bot') return m.senderName || t('assistant');
    if (m.sender === 'agent') return m.senderName || t('agent');
    if (m.sender === 'system') return t('system');
    return t('you');
  }

  function buildMessage(m) {
    var kind = m.sender === 'customer' || m.sender === 'agent' || m.sender === 'bot' ? m.sender : 'system';
    var li = el_('li', 'msg msg--' + kind);
    li.dataset.sender = kind;
    li.dataset.id = String(m.id);
    li.dataset.status = 'sent';
    li.dataset.senderName = m.senderName || '';
    var d = msgTime(m);
    li.dataset.timeMs = String(d.getTime());
    var bubble = el_('div', 'msg__bubble msg__text');
    appendText(bubble, String(m.text || ''));

    if (kind === 'customer') {
      li.appendChild(el_('span', 'visually-hidden', t('youSaid') + ': '));
      li.appendChild(bubble);
      var foot = el_('div', 'msg__meta msg__meta--bottom');
      foot.appendChild(timeEl(d));
      li.appendChild(foot);
    } else if (kind === 'system') {
      li.appendChild(bubble);
      var sm = el_('div', 'msg__meta');
      sm.appendChild(timeEl(d));
      li.appendChild(sm);
    } else {
      var meta = el_('div', 'msg__meta msg__meta--top');
      meta.appendChild(el_('span', 'msg__name', senderLabel(m)));
      if (kind === 'bot') meta.appendChild(el_('span', 'msg__badge', t('botBadge')));
      meta.appendChild(timeEl(d));
      li.appendChild(meta);
      li.appendChild(bubble);
    }
    return li;
  }

  function buildPending(p) {
    var li = el_('li', 'msg msg--customer');
    li.dataset.sender = 'customer';
    li.dataset.pendingId = p.id;
    li.dataset.status = p.failed ? 'failed' : 'pending';
    li.dataset.timeMs = String(p.createdMs || Date.now());
    li.appendChild(el_('span', 'visually-hidden', t('youSaid') + ': '));
    var bubble = el_('div', 'msg__bubble msg__text');
    appendText(bubble, p.text);
    li.appendChild(bubble);
    var foot = el_('div', 'msg__meta msg__meta--bottom');
    if (p.failed) {
      foot.appendChild(el_('span', 'msg__state', t('notSent')));
      var retry = el_('button', 'msg__action', t('retry'));
      retry.type = 'button';
      retry.addEventListener('click', function () { retryPending(p.id); });
      var del = el_('button', 'msg__action', t('discard'));
      del.type = 'button';
      del.addEventListener('click', function () { discardPending(p.id); });
      foot.appendChild(retry);
      foot.appendChild(del);
    } else {
      foot.appendChild(el_('span', 'msg__spinner'));
      foot.appendChild(el_('span', 'msg__state', ready ? t('sending') : t('waitingNetwork')));
    }
    li.appendChild(foot);
    return li;
  }

  function isNearBottom() {
    var s = el.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 96;
  }

  function scrollToBottom() {
    el.scroller.scrollTop = el.scroller.scrollHeight;
    el.jump.hidden = true;
    stuck = true;
  }

  // Inserts a confirmed message element in id order, before any pending elements.
  function insertConfirmed(li, id) {
    var list = el.list;
    var child = list.lastElementChild;
    while (child) {
      var cid = child.dataset.id ? Number(child.dataset.id) : null;
      if (cid !== null && !child.dataset.pendingId && cid < id) break;
      child = child.previousElementSibling;
    }
    if (child) list.insertBefore(li, child.nextElementSibling);
    else list.insertBefore(li, list.firstElementChild);
  }

  // Marks runs of messages from one sender so only the first shows name and time.
  function regroup() {
    var prev = null;
    var items = el.list.children;
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      var cont = !!prev && prev.dataset.sender === li.dataset.sender &&
        li.dataset.sender !== 'system' &&
        (li.dataset.sender === 'customer' || prev.dataset.senderName === li.dataset.senderName) &&
        Math.abs(Number(li.dataset.timeMs || Date.now()) - Number(prev.dataset.timeMs || Date.now())) < CONT_WINDOW_MS;
      li.classList.toggle('is-cont', cont);
      if (prev) prev.classList.toggle('is-cont-next', cont);
      prev = li;
    }
    if (prev) prev.classList.remove('is-cont-next');
  }

  function updateEmpty() {
    el.welcome.hidden = el.list.children.length > 0;
  }

  function addMessage(m, opts) {
    if (!m || typeof m.id !== 'number') return false;
    if (m.sender === 'note') return false;              // internal notes are never for customers
    if (messages.has(m.id)) return false;               // dedupe by message id
    var stick = isNearBottom();
    messages.set(m.id, m);
    if (m.id > maxMessageId) maxMessageId = m.id;

    // A customer message that is our in-flight pending one echoed before its ack: adopt its bubble.
    var existing = null;
    if (m.sender === 'customer' && inflight && !inflight.boundId && inflight.text === m.text) {
      inflight.boundId = m.id;
      existing = pendingElement(inflight.id);
    }
    var li = buildMessage(m);
    if (existing) existing.remove();
    insertConfirmed(li, m.id);
    regroup();
    updateEmpty();

    if (!(opts && opts.bulk)) {
      if (stick || m.sender === 'customer') scrollToBottom();
      else el.jump.hidden = false;
      if (m.sender !== 'customer' && document.hidden) {
        unread++;
        updateTitle();
      }
    }
    return true;
  }

  function pendingElement(id) {
    var items = el.list.querySelectorAll('li[data-pending-id]');
    for (var i = 0; i < items.length; i++) if (items[i].dataset.pendingId === id) return items[i];
    return null;
  }

  function renderPending(p) {
    var old = pendingElement(p.id);
    var li = buildPending(p);
    if (old) old.replaceWith(li);
    else el.list.appendChild(li);
    regroup();
    updateEmpty();
  }

  function renderAll() {
    var stick = isNearBottom();
    el.list.setAttribute('aria-busy', 'true');
    el.list.textContent = '';
    var ids = Array.from(messages.keys()).sort(function (a, b) { return a - b; });
    ids.forEach(function (id) { el.list.appendChild(buildMessage(messages.get(id))); });
    pending.forEach(function (p) { if (!p.boundId) el.list.appendChild(buildPending(p)); });
    regroup();
    updateEmpty();
    el.list.setAttribute('aria-busy', 'false');
    if (stick) scrollToBottom();
  }

  function clearTranscript() {
    messages.clear();
    maxMessageId = 0;
    renderAll();
  }

  // ---------------------------------------------------------------- conversation state

  function dismissedId() {
    var n = Number(store.get(KEY.dismissed));
    return isFinite(n) ? n : 0;
  }

  function setConversation(conv) {
    if (!conv || typeof conv.id !== 'number') return;
    if (conv.id <= dismissedId()) return;               // a conversation the customer already left
    if (conversation && conversation.id !== conv.id) {
      if (conv.id < conversation.id) return;            // stale news about an older conversation
      clearTranscript();                                // a newer conversation replaced ours
    }
    conversation = conv;
    renderState();
  }

  function renderState() {
    var s = conversation && conversation.state;
    var text = '';
    if (s === 'bot') text = t('stateBot');
    else if (s === 'waiting') text = t('stateWaiting');
    else if (s === 'assigned') text = conversation.assigneeName ? t('stateAssigned', { name: conversation.assigneeName }) : t('stateAssignedAnon');
    el.banner.hidden = !text;
    el.banner.dataset.state = s || '';
    el.bannerText.textContent = text;

    var closed = s === 'closed';
    var wasClosed = !el.closed.hidden;
    el.closed.hidden = !closed;
    el.composer.hidden = closed;
    if (closed) {
      el.namecard.hidden = true;
      if (!wasClosed) scrollToBottom();
    } else {
      maybeShowNameCard();
    }
  }

  function startNewConversation() {
    if (conversation) store.set(KEY.dismissed, String(conversation.id));
    conversation = null;
    // Failed messages belonged to the old conversation; queued ones still go out (into the new one).
    pending = pending.filter(function (p) { return !p.failed; });
    savePending();
    clearTranscript();
    renderState();
    el.input.focus();
  }

  // ---------------------------------------------------------------- pending queue (localStorage)

  function savePending() {
    // Merge with what other tabs stored: keep theirs, replace ours.
    var mine = {};
    pending.forEach(function (p) { mine[p.id] = true; });
    var stored = store.getJson(KEY.pending, []);
    if (!Array.isArray(stored)) stored = [];
    var others = stored.filter(function (p) { return p && !mine[p.id] && !forgotten[p.id]; });
    var all = others.concat(pending.map(function (p) {
      return { id: p.id, text: p.text, createdMs: p.createdMs, failed: !!p.failed };
    }));
    if (all.length) store.setJson(KEY.pending, all);
    else store.remove(KEY.pending);
  }

  var forgotten = {};                // ids acked or discarded by this page

  function loadPending() {
    var stored = store.getJson(KEY.pending, []);
    if (!Array.isArray(stored)) return [];
    return stored.filter(function (p) {
      return p && typeof p.id === 'string' && p.id.length <= 64 && typeof p.text === 'string' && p.text.trim();
    }).map(function (p) {
      return { id: p.id, text: p.text.slice(0, MAX_TEXT), createdMs: p.createdMs || Date.now(), failed: !!p.failed };
    });
  }

  function removePending(id) {
    forgotten[id] = true;
    pending = pending.filter(function (p) { return p.id !== id; });
    delete sendAttempts[id];
    savePending();
  }

  function queueMessage(text) {
    var p = { id: newId(), text: text, createdMs: Date.now(), failed: false };
    pending.push(p);
    savePending();
    renderPending(p);
    scrollToBottom();
    pumpQueue();
  }

  function retryPending(id) {
    var p = pending.find(function (x) { return x.id === id; });
    if (!p) return;
    p.failed = false;
    delete sendAttempts[id];
    savePending();
    renderPending(p);
    pumpQueue();
  }

  function discardPending(id) {
    var li = pendingElement(id);
    if (li) li.remove();
    removePending(id);
    regroup();
    updateEmpty();
    el.input.focus();
  }

  // Sends the oldest unsent pending message; one at a time keeps the order.
  function pumpQueue() {
    if (!ready || inflight || resendTimer) return;
    var next = pending.find(function (p) { return !p.failed; });
    if (!next) return;
    inflight = next;
    next.boundId = null;
    send({ type: 'message', id: next.id, text: next.text });
    clearTimeout(inflightTimer);
    inflightTimer = setTimeout(function () {
      // No ack: the connection is probably dead. Reconnect; the message is re-sent with its id.
      if (ws) try { ws.close(4000, 'ack timeout'); } catch (e) { /* ignore */ }
    }, ACK_TIMEOUT_MS);
  }

  function onMessageAck(p, ack) {
    clearTimeout(inflightTimer);
    inflight = null;
    removePending(p.id);
    if (ack.conversation) setConversation(ack.conversation);
    var m = ack.message;
    var li = pendingElement(p.id);
    if (li) li.remove();
    if (m && typeof m.id === 'number') {
      if (conversation && typeof m.conversationId === 'number' && m.conversationId !== conversation.id) {
        setConversation({ id: m.conversationId, state: (ack.conversation && ack.conversation.state) || 'bot' });
      }
      if (!conversation && typeof m.conversationId === 'number') {
        conversation = { id: m.conversationId, state: 'bot' };
      }
      addMessage(m);
    }
    regroup();
    updateEmpty();
    pumpQueue();
  }

  function scheduleResend(delayMs) {
    clearTimeout(resendTimer);
    resendTimer = setTimeout(function () { resendTimer = 0; pumpQueue(); }, delayMs);
  }

  // ---------------------------------------------------------------- name card

  function maybeShowNameCard() {
    var show = !store.get(KEY.nameAsked) && !store.get(KEY.name) && !(conversation && conversation.state === 'closed');
    el.namecard.hidden = !show;
  }

  function finishNameCard() {
    store.set(KEY.nameAsked, '1');
    el.namecard.hidden = true;
  }

  // ---------------------------------------------------------------- connection

  function wsUrl() {
    return (location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.host + '/ws/customer';
  }

  function send(obj) {
    obj.v = 1;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    try { ws.send(JSON.stringify(obj)); return true; } catch (e) { return false; }
  }

  function setConn(state) {
    connState = state;
    el.conn.dataset.state = state;
    el.connText.textContent = t(state);
    el.connRetry.hidden = !(state === 'reconnecting' || state === 'offline');
    // Pending bubbles show "sending" vs "will send when online".
    pending.forEach(function (p) { if (!p.failed && !p.boundId && pendingElement(p.id)) renderPending(p); });
  }

  function connect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = 0;
    if (ws) return;
    if (!renewing) setConn(everConnected || attempt > 0 ? 'reconnecting' : 'connecting');
    var sock;
    try { sock = new WebSocket(wsUrl()); }
    catch (e) { scheduleReconnect(); return; }
    ws = sock;
    ready = false;

    sock.onopen = function () {
      if (ws !== sock) return;
      helloId = newId();
      var hello = { type: 'hello', id: helloId, customerKey: customerKey(), locale: lang };
      var name = store.get(KEY.name);
      if (name) hello.name = name;
      if (conversation && maxMessageId > 0) hello.afterMessageId = maxMessageId;
      send(hello);
      clearTimeout(helloTimer);
      helloTimer = setTimeout(function () { if (ws === sock && !ready) sock.close(4001, 'hello timeout'); }, HELLO_TIMEOUT_MS);
    };

    sock.onmessage = function (ev) {
      if (ws !== sock) return;
      var f;
      try { f = JSON.parse(ev.data); } catch (e) { return; }
      if (!f || typeof f !== 'object') return;
      handleFrame(f, sock);
    };

    sock.onclose = function () {
      if (ws !== sock) return;
      renewing = false;
      cleanupSocket();
      scheduleReconnect();
    };
    sock.onerror = function () { /* onclose follows */ };
  }

  function cleanupSocket() {
    ws = null;
    ready = false;
    helloId = null;
    clearTimeout(helloTimer);
    clearInterval(pingTimer);
    clearTimeout(pingTimeout);
    clearTimeout(inflightTimer);
    clearTimeout(resendTimer);
    resendTimer = 0;
    pingTimer = 0;
    pingId = null;
    if (inflight) inflight.boundId = null;
    inflight = null;                 // re-sent with the same id after reconnecting
  }

  function scheduleReconnect(immediate) {
    clearTimeout(reconnectTimer);
    if (navigator.onLine === false) {
      setConn('offline');              // the 'online' event reconnects
      return;
    }
    setConn('reconnecting');
    var base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * Math.pow(2, attempt));
    attempt++;
    var delay = immediate ? 0 : Math.round(base / 2 + Math.random() * base / 2); // "equal jitter"
    reconnectTimer = setTimeout(connect, delay);
  }

  function reconnectNow() {
    attempt = 0;
    if (ws) {
      var old = ws;
      cleanupSocket();
      try { old.close(1000, 'reconnect'); } catch (e) { /* ignore */ }
    }
    connect();
  }

  function startPing(sock) {
    clearInterval(pingTimer);
    pingTimer = setInterval(function () {
      if (ws !== sock || !ready) return;
      pingId = newId();
      send({ type: 'ping', id: pingId });
      clearTimeout(pingTimeout);
      pingTimeout = setTimeout(function () { if (ws === sock) sock.close(4002, 'ping timeout'); }, PING_TIMEOUT_MS);
    }, PING_EVERY_MS);
  }

  function handleFrame(f, sock) {
    switch (f.type) {
      case 'ack': return handleAck(f, sock);
      case 'message': if (f.message) onIncomingMessage(f.message); return;
      case 'state': if (f.conversation) onState(f.conversation); return;
      case 'error': return handleError(f, sock);
      default: return; // newer hub, unknown frame: ignore
    }
  }

  function handleAck(f, sock) {
    if (f.id && f.id === helloId) {
      clearTimeout(helloTimer);
      ready = true;
      renewing = false;
      everConnected = true;
      attempt = 0;
      setConn('connected');
      var conv = f.conversation;
      if (conv && typeof conv.id === 'number' && conv.id > dismissedId()) {
        setConversation(conv);
      } else if (conversation && conversation.state !== 'closed') {
        // Our conversation is no longer open: it was closed while we were away.
        conversation = Object.assign({}, conversation, { state: 'closed' });
        renderState();
      }
      if (conversation && Array.isArray(f.messages)) {
        var stick = isNearBottom() || messages.size === 0;
        f.messages.forEach(function (m) {
          if (m && m.conversationId === conversation.id) addMessage(m, { bulk: true });
        });
        if (stick) scrollToBottom();
        else if (f.messages.length) el.jump.hidden = false;
      }
      startPing(sock);
      pumpQueue();
      return;
    }
    if (f.id && f.id === pingId) {
      clearTimeout(pingTimeout);
      pingId = null;
      return;
    }
    if (inflight && f.id === inflight.id) {
      onMessageAck(inflight, f);
    }
  }

  function onIncomingMessage(m) {
    if (typeof m.conversationId !== 'number') return;
    if (m.conversationId <= dismissedId()) return;
    if (conversation && m.conversationId !== conversation.id) {
      if (m.conversationId < conversation.id) return;
      setConversation({ id: m.conversationId, state: 'bot' }); // started from another tab
    }
    if (!conversation) conversation = { id: m.conversationId, state: 'bot' };
    addMessage(m);
  }

  function onState(conv) {
    if (typeof conv.id !== 'number') return;
    if (conv.id <= dismissedId()) return;
    if (conversation && conv.id < conversation.id) return;
    setConversation(conv);
  }

  function friendlyError(code) {
    switch (code) {
      case 'rate_limited': return t('errRateLimited');
      case 'frame_too_large': return t('errTooLong');
      case 'invalid_field': case 'missing_field': case 'bad_utf8': return t('errInvalid');
      case 'capacity_reached': return t('errCapacity');
      case 'unauthenticated': return t('errUnauthenticated');
      case 'internal': return t('errInternal');
      default: return t('errGeneric');
    }
  }

  function handleError(f, sock) {
    var code = String(f.code || '');
    var msg = friendlyError(code);
    if (code === 'invalid_field' && /long/i.test(String(f.message || ''))) msg = t('errTooLong');

    if (f.id && f.id === helloId) {
      // The hub refused our hello: try again later on a fresh connection.
      showToast(msg, code === 'rate_limited' ? 'info' : 'error');
      sock.close(4003, 'hello refused');
      return;
    }
    if (f.id && f.id === pingId) {
      clearTimeout(pingTimeout);
      pingId = null;
      return;
    }
    if (inflight && f.id === inflight.id) {
      var p = inflight;
      clearTimeout(inflightTimer);
      inflight = null;
      var retryable = code === 'rate_limited' || code === 'internal' || code === 'capacity_reached';
      sendAttempts[p.id] = (sendAttempts[p.id] || 0) + 1;
      if (code === 'rate_limited' || (retryable && sendAttempts[p.id] <= 6)) {
        showToast(msg, 'info');
        scheduleResend(Math.min(15000, 1500 * Math.pow(2, Math.min(sendAttempts[p.id], 4) - 1)) + Math.random() * 500);
      } else {
        p.failed = true;
        savePending();
        renderPending(p);
        showToast(msg, 'error');
        pumpQueue();
      }
      return;
    }
    if (code === 'rate_limited') {
      // The hub's per-socket frame limiter answers without an id, and drops the frame. We send
      // one message at a time, so it was the in-flight one (or a ping): send it again later with
      // the same id (the hub applies a repeated id once) instead of waiting for an ack that
      // will never come.
      clearTimeout(pingTimeout);
      pingId = null;
      if (inflight) {
        var q = inflight;
        clearTimeout(inflightTimer);
        inflight = null;
        sendAttempts[q.id] = (sendAttempts[q.id] || 0) + 1;
        scheduleResend(Math.min(15000, 1500 * Math.pow(2, Math.min(sendAttempts[q.id], 4) - 1)) + Math.random() * 500);
      }
      showToast(msg, 'info');
      return;
    }
    showToast(msg, 'error');
    if (code === 'unauthenticated') reconnectNow();
  }

  // ---------------------------------------------------------------- toast

  var toastTimer = 0;
  // kind: 'error' (red), 'info' (amber) or 'success' (brief, green).
  function showToast(text, kind) {
    kind = kind || 'error';
    var stick = isNearBottom();
    el.toastText.textContent = text;
    el.toast.dataset.kind = kind;
    el.toast.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    el.toast.hidden = false;
    if (stick) scrollToBottom();
    clearTimeout(toastTimer);
    toastTimer = setTimeout(hideToast, kind === 'success' ? 3500 : 8000);
  }
  function hideToast() { el.toast.hidden = true; }

  // ---------------------------------------------------------------- UI text

  function updateTitle() {
    document.title = unread > 0 ? t('unreadTitle', { n: unread }) : t('pageTitle');
  }

  function applyLanguage() {
    var html = document.documentElement;
    html.lang = lang;
    var nodes = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].dataset.i18n);
    nodes = document.querySelectorAll('[data-i18n-placeholder]');
    for (i = 0; i < nodes.length; i++) nodes[i].placeholder = t(nodes[i].dataset.i18nPlaceholder);
    nodes = document.querySelectorAll('[data-i18n-aria-label]');
    for (i = 0; i < nodes.length; i++) nodes[i].setAttribute('aria-label', t(nodes[i].dataset.i18nAriaLabel));
    nodes = document.querySelectorAll('[data-i18n-title]');
    for (i = 0; i < nodes.length; i++) nodes[i].title = t(nodes[i].dataset.i18nTitle);
    el.lang.value = lang;
    el.connText.textContent = t(connState);
    updateTitle();
    updateCounter();
    renderState();
    renderAll();
  }

  function setLanguage(l) {
    if (LANGS.indexOf(l) < 0 || l === lang) return;
    lang = l;
    store.set(KEY.lang, l);
    try {
      var url = new URL(window.location.href);
      if (url.searchParams.has('lang')) {
        url.searchParams.set('lang', l);
        history.replaceState(history.state, '', url.toString());
      }
    } catch (e) { /* ignore */ }
    applyLanguage();
  }

  // ---------------------------------------------------------------- composer

  function autosize() {
    var ta = el.input;
    ta.style.height = 'auto';
    ta.style.height = Math.min(ta.scrollHeight, 220) + 'px';
  }

  function updateCounter() {
    var n = el.input.value.length;
    el.send.disabled = !el.input.value.trim();
    if (n >= COUNTER_FROM) {
      var left = Math.max(0, MAX_TEXT - n);
      el.counter.hidden = false;
      el.counter.textContent = left > 0 ? t('charsLeft', { n: left }) : t('charsLimit');
      el.counter.dataset.level = left > 0 ? 'near' : 'limit';
    } else {
      el.counter.hidden = true;
      el.counter.textContent = '';
    }
  }

  function submit() {
    var text = el.input.value;
    if (!text.trim()) return;
    if (text.length > MAX_TEXT) { showToast(t('errTooLong'), 'error'); return; }
    if (conversation && conversation.state === 'closed') return;
    el.input.value = '';
    autosize();
    updateCounter();
    if (!el.namecard.hidden && !el.nameInput.value.trim()) finishNameCard(); // they chose to just talk
    queueMessage(text);
    el.input.focus();
  }

  // ---------------------------------------------------------------- start

  function init() {
    el.conn = $('conn');
    el.connText = $('conn-text');
    el.connRetry = $('conn-retry');
    el.lang = $('lang');
    el.banner = $('banner');
    el.bannerText = $('banner-text');
    el.scroller = $('log-scroller');
    el.welcome = $('welcome');
    el.list = $('messages');
    el.jump = $('jump');
    el.toast = $('toast');
    el.toastText = $('toast-text');
    el.namecard = $('namecard');
    el.nameInput = $('name-input');
    el.closed = $('closed');
    el.composer = $('composer');
    el.input = $('input');
    el.send = $('send');
    el.counter = $('counter');

    pending = loadPending();
    applyLanguage();

    el.lang.addEventListener('change', function () { setLanguage(el.lang.value); });
    el.connRetry.addEventListener('click', reconnectNow);
    $('toast-close').addEventListener('click', hideToast);
    el.jump.addEventListener('click', function () { scrollToBottom(); el.input.focus(); });
    el.scroller.addEventListener('scroll', function () {
      stuck = isNearBottom();
      if (stuck) el.jump.hidden = true;
    }, { passive: true });
    if (window.ResizeObserver) {
      // When the composer grows, a notice appears or the phone keyboard opens, keep the newest
      // message in view if it was in view before.
      new ResizeObserver(function () { if (stuck) el.scroller.scrollTop = el.scroller.scrollHeight; }).observe(el.scroller);
    }
    $('new-conversation').addEventListener('click', startNewConversation);

    el.namecard.addEventListener('submit', function (e) {
      e.preventDefault();
      var name = el.nameInput.value.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
      if (!name) { el.nameInput.focus(); return; }
      store.set(KEY.name, name);
      finishNameCard();
      showToast(t('nameSaved', { name: name }), 'success');
      el.input.focus();
      // The name travels in `hello`: say hello again so the hub knows it.
      if (ws && ready && !inflight) { renewing = true; reconnectNow(); }
    });
    $('name-skip').addEventListener('click', function () { finishNameCard(); el.input.focus(); });

    el.composer.addEventListener('submit', function (e) { e.preventDefault(); submit(); });
    el.input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        submit();
      }
    });
    el.input.addEventListener('input', function () { autosize(); updateCounter(); });

    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) {
        unread = 0;
        updateTitle();
        if (!ws) reconnectNow();
      }
    });
    window.addEventListener('online', function () { reconnectNow(); });
    window.addEventListener('offline', function () {
      if (ws) { var old = ws; cleanupSocket(); try { old.close(1000, 'offline'); } catch (e) { /* ignore */ } }
      clearTimeout(reconnectTimer);
      setConn('offline');
    });
    window.addEventListener('storage', function (e) {
      if (e.key === KEY.lang && e.newValue && LANGS.indexOf(e.newValue) >= 0 && !queryLang()) {
        lang = e.newValue;
        applyLanguage();
      }
    });

    connect();
    if (!window.matchMedia || !window.matchMedia('(pointer: coarse)').matches) el.input.focus();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
