// Pacto web simulator: plain browser JavaScript, no framework, no build step, no external requests.
'use strict';

(function () {
  const api = './api';
  const el = (id) => document.getElementById(id);
  const ui = {
    debtors: el('debtors'), log: el('log'), empty: el('empty'), who: el('who'), restart: el('restart'),
    form: el('composer'), input: el('composer-input'), send: el('send'), status: el('status'), typing: el('typing'),
  };
  const state = { debtors: [], debtor: null, session: null, cursor: null, seen: new Set(), awaitingSince: 0, timer: 0 };
  const storageKey = 'pacto.simulator.session';

  function setStatus(text, isError) {
    ui.status.textContent = text || '';
    ui.status.classList.toggle('error', Boolean(isError));
  }

  async function request(path, options) {
    const response = await fetch(api + path, { headers: { 'content-type': 'application/json' }, ...options });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error((data.error && data.error.message) || 'Request failed (' + response.status + ')');
      error.code = data.error && data.error.code;
      throw error;
    }
    return data;
  }

  function formatMoney(money, locale) {
    if (!money) return '';
    try {
      const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
      const digits = format.resolvedOptions().maximumFractionDigits;
      return format.format(money.minor / Math.pow(10, digits));
    } catch (_) {
      return money.minor + ' ' + money.currency;
    }
  }

  function renderDebtors() {
    ui.debtors.textContent = '';
    ui.debtors.setAttribute('aria-busy', 'false');
    if (state.debtors.length === 0) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = 'No demo debtors found. Start the service with an empty database (or run npm run seed:demo).';
      ui.debtors.append(li);
      return;
    }
    for (const d of state.debtors) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'debtor';
      button.dataset.id = d.id;
      button.setAttribute('aria-pressed', String(state.debtor !== null && state.debtor.id === d.id));
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = d.name || d.firstName;
      const flag = document.createElement('span');
      flag.className = 'flag';
      flag.textContent = [d.country, d.locale].filter(Boolean).join(' · ');
      name.append(flag);
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = [d.creditor, d.product, d.balanceText || formatMoney(d.balance, d.locale)].filter(Boolean).join(' · ');
      const hint = document.createElement('span');
      hint.className = 'hint';
      const answers = Array.isArray(d.verifyWith) ? d.verifyWith : [];
      if (answers.length > 0) {
        hint.append('To verify, type ');
        answers.forEach((answer, i) => {
          if (i > 0) hint.append(' or ');
          const code = document.createElement('code');
          code.textContent = answer;
          hint.append(code);
        });
      }
      button.append(name, meta, hint);
      button.addEventListener('click', () => startSession(d));
      li.append(button);
      ui.debtors.append(li);
    }
  }

  function resetLog() {
    state.seen.clear();
    state.cursor = null;
    ui.log.textContent = '';
    ui.empty.textContent = 'Say hello to start — for example “Hola” or “Hi, what do I owe?”.';
    ui.log.append(ui.empty);
  }

  function enableComposer(on) {
    ui.input.disabled = !on;
    ui.send.disabled = !on;
    ui.input.placeholder = on ? 'Write as ' + state.debtor.firstName + '…' : 'Pick a debtor first';
  }

  async function startSession(debtor) {
    setStatus('Opening a conversation as ' + debtor.firstName + '…');
    try {
      const data = await request('/sessions', { method: 'POST', body: JSON.stringify({ debtorId: debtor.id }) });
      useSession(debtor, data.session);
      sessionStorage.setItem(storageKey, JSON.stringify({ debtorId: debtor.id, session: data.session }));
      setStatus('');
      ui.input.focus();
    } catch (error) {
      setStatus(error.message, true);
    }
  }

  function useSession(debtor, session) {
    state.debtor = debtor;
    state.session = session;
    state.awaitingSince = 0;
    ui.who.textContent = 'You are ' + debtor.firstName + ' (' + debtor.locale + ').';
    ui.restart.hidden = false;
    document.documentElement.lang = debtor.locale;
    renderDebtors();
    resetLog();
    enableComposer(true);
    schedulePoll(0);
  }

  function appendMessage(message) {
    if (message.id && state.seen.has(message.id)) return;
    if (message.id) state.seen.add(message.id);
    if (ui.empty.isConnected) ui.empty.remove();
    if (message.direction === 'in' && !message.pending) {
      // The server's copy replaces the oldest pending bubble (sent in order); a verification answer comes back masked.
      const pending = ui.log.querySelector('.msg.pending');
      if (pending) pending.remove();
    }
    const bubble = document.createElement('div');
    bubble.className = 'msg ' + message.direction + (message.pending ? ' pending' : '');
    bubble.dataset.body = message.body;
    const who = document.createElement('span');
    who.className = 'visually-hidden';
    who.textContent = message.direction === 'in' ? 'You said: ' : 'Pacto: ';
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = message.body;
    const time = document.createElement('time');
    time.className = 'time';
    const at = message.at ? new Date(message.at) : new Date();
    time.dateTime = at.toISOString();
    time.textContent = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    bubble.append(who, text, time);
    ui.log.append(bubble);
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    return 'm-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
  }

  async function sendMessage(event) {
    event.preventDefault();
    const text = ui.input.value.trim();
    if (!text || !state.session) return;
    ui.input.value = '';
    appendMessage({ direction: 'in', body: text, pending: true });
    state.awaitingSince = Date.now();
    ui.typing.hidden = false;
    try {
      await request('/messages', { method: 'POST', body: JSON.stringify({ session: state.session, text, clientMessageId: newId() }) });
      setStatus('');
      schedulePoll(300);
    } catch (error) {
      ui.typing.hidden = true;
      setStatus(error.code === 'SIMULATOR.SESSION_NOT_FOUND' ? 'This conversation expired; pick the debtor again.' : error.message, true);
    }
  }

  function schedulePoll(delay) {
    clearTimeout(state.timer);
    state.timer = setTimeout(poll, delay);
  }

  async function poll() {
    const session = state.session;
    if (!session) return;
    try {
      const query = '?session=' + encodeURIComponent(session) + (state.cursor ? '&after=' + encodeURIComponent(state.cursor) : '');
      const data = await request('/messages' + query);
      if (session !== state.session) return;
      let replied = false;
      for (const message of data.messages) {
        const fresh = !state.seen.has(message.id);
        appendMessage(message);
        if (fresh && message.direction === 'out') replied = true;
      }
      if (data.cursor) state.cursor = data.cursor;
      if (replied) {
        state.awaitingSince = 0;
        ui.typing.hidden = true;
      }
    } catch (error) {
      if (error.code === 'SIMULATOR.SESSION_NOT_FOUND') {
        // The server forgot this session (e.g. a fresh in-memory database): start over cleanly.
        sessionStorage.removeItem(storageKey);
        state.session = null;
        state.debtor = null;
        enableComposer(false);
        ui.typing.hidden = true;
        ui.restart.hidden = true;
        ui.who.textContent = 'No debtor selected yet.';
        renderDebtors();
        setStatus('That conversation no longer exists; pick a debtor to start again.', true);
        return;
      }
      setStatus('Could not reach the server: ' + error.message, true);
    }
    const waiting = state.awaitingSince && Date.now() - state.awaitingSince < 30000;
    if (!waiting) ui.typing.hidden = true;
    schedulePoll(waiting ? 500 : document.hidden ? 10000 : 2500);
  }

  async function init() {
    ui.form.addEventListener('submit', sendMessage);
    ui.restart.addEventListener('click', () => state.debtor && startSession(state.debtor));
    try {
      const data = await request('/debtors');
      state.debtors = data.debtors;
      renderDebtors();
      const saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
      const debtor = saved && state.debtors.find((d) => d.id === saved.debtorId);
      if (debtor) useSession(debtor, saved.session);
    } catch (error) {
      ui.debtors.setAttribute('aria-busy', 'false');
      setStatus('Could not load demo debtors: ' + error.message, true);
    }
  }

  init();
})();
