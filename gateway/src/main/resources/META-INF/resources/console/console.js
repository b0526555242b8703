// The staff console: plain JavaScript, no build step, no third-party code. Every figure comes from
// the suite's own APIs through this gateway; the live inbox is an EventSource opened with a one-use
// stream ticket (EventSource cannot send an Authorization header).
'use strict';

const TEXT = {
  'zh-CN': {
    title: '政风 · 工作台', signIn: '登录', signOut: '退出', username: '用户名', password: '密码',
    badLogin: '用户名或密码不正确', tooMany: '尝试次数过多，请稍后再试', expired: '登录已过期，请重新登录',
    revoked: '账号权限已变更，请重新登录', escalations: '督办', noEscalations: '暂无督办事项', inbox: '收件箱',
    noItems: '暂无消息', live: '● 实时', reconnecting: '● 重新连接中…', off: '○ 未连接',
    openOverdue: '各部门在办与超期', department: '部门', open: '在办', overdue: '超期', overdueItems: '超期事项',
    onTime: '按期办结率', satisfaction: '满意率', surveys: '问卷回收率', accepted: '按期受理', replied: '按期答复',
    noData: '暂无数据', unassigned: '未分派', due: '期限', other: 'English'
  },
  en: {
    title: 'Zhengfeng · Staff console', signIn: 'Sign in', signOut: 'Sign out', username: 'Username', password: 'Password',
    badLogin: 'Wrong username or password', tooMany: 'Too many attempts, try again later', expired: 'Your session expired: sign in again',
    revoked: 'Your account changed: sign in again', escalations: 'Escalations', noEscalations: 'No escalations', inbox: 'Inbox',
    noItems: 'No messages', live: '● live', reconnecting: '● reconnecting…', off: '○ not connected',
    openOverdue: 'Open and overdue per department', department: 'Department', open: 'Open', overdue: 'Overdue',
    overdueItems: 'Overdue items', onTime: 'On-time rate', satisfaction: 'Satisfaction rate', surveys: 'Survey response rates',
    accepted: 'accepted on time', replied: 'replied on time', noData: 'No data yet', unassigned: 'unassigned', due: 'due', other: '中文'
  }
};
const SUPERVISING = ['supervisor', 'leader'];
const SURVEY_READERS = ['leader', 'supervisor', 'inspector', 'admin'];
const OPEN = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied'];

const state = {
  lang: localStorage.getItem('zf.lang') || 'zh-CN',
  token: sessionStorage.getItem('zf.token'),
  me: null,
  departments: {},
  seen: new Set(),
  lastEventId: null,
  source: null,
  retryMs: 1000,
  retryTimer: null
};

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.lang][key] || key;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== undefined && v !== null) node.setAttribute(k, v); });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json', 'Accept-Language': state.lang };
  if (state.token) headers.Authorization = 'Bearer ' + state.token;
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined, cache: 'no-store' });
  if (response.status === 401 && state.token) {
    signOut(t('expired'));
  }
  if (!response.ok) {
    const error = new Error(method + ' ' + path + ' → ' + response.status);
    error.status = response.status;
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  $('lang-switch').textContent = t('other');
  setStatus($('stream-status').dataset.state);
}

function setStatus(s) {
  const status = $('stream-status');
  status.dataset.state = s;
  status.textContent = t(s);
}

// --- signing in and out --------------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  $('signin-error').textContent = '';
  try {
    const response = await fetch('/api/auth/token', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: $('signin-username').value.trim(), password: $('signin-password').value })
    });
    if (!response.ok) {
      $('signin-error').textContent = response.status === 429 ? t('tooMany') : t('badLogin');
      return;
    }
    state.token = (await response.json()).access_token;
    sessionStorage.setItem('zf.token', state.token);
    $('signin-password').value = '';
    await start();
  } catch (e) {
    $('signin-error').textContent = e.message;
  }
}

function signOut(message) {
  state.token = null;
  state.me = null;
  sessionStorage.removeItem('zf.token');
  closeStream();
  setStatus('off');
  $('workspace').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  $('signin').hidden = false;
  $('signin-error').textContent = message || '';
}

async function start() {
  state.me = await api('GET', '/api/auth/me');
  $('who').textContent = (state.me.displayName || state.me.username) + (state.me.department ? ' · ' + departmentName(state.me.department) : '');
  $('signin').hidden = true;
  $('workspace').hidden = false;
  $('sign-out').hidden = false;
  $('escalations-card').hidden = !hasRole(SUPERVISING);
  $('surveys-card').hidden = !hasRole(SURVEY_READERS);
  await loadDepartments();
  await Promise.allSettled([loadInbox(), loadComplaints(), loadStats(), loadSurveys()]);
  openStream();
}

const hasRole = (roles) => state.me && state.me.roles.some((r) => roles.includes(r));

// --- the inbox and its live stream ---------------------------------------------------------------

async function loadInbox() {
  state.seen.clear();
  $('inbox').replaceChildren();
  $('escalations').replaceChildren();
  const page = await api('GET', '/api/notifications/inbox?size=30');
  page.items.slice().reverse().forEach((item) => show(item, false));
  // the stream starts after the newest item shown: what arrives in between is replayed, not lost
  state.lastEventId = page.items.length ? page.items[0].id : null;
  if (hasRole(SUPERVISING)) {
    const escalations = await api('GET', '/api/notifications/inbox?type=deadline.escalation&size=30');
    escalations.items.slice().reverse().forEach((item) => show(item, false));
  }
}

function show(item, fresh) {
  const key = item.id;
  const isEscalation = item.type === 'deadline.escalation';
  if (state.seen.has(key + (isEscalation ? ':e' : ''))) {
    return;
  }
  const node = () => {
    const li = el('li', { 'data-id': item.id, 'data-type': item.type, 'data-subject-id': item.subjectId,
      'data-received-at': String(Date.now()), class: (item.urgent ? 'urgent ' : '') + (fresh ? 'fresh' : '') },
    item.title, el('span', { class: 'time' }, formatTime(item.createdAt)));
    return li;
  };
  if (!state.seen.has(key)) {
    state.seen.add(key);
    $('inbox').prepend(node());
  }
  if (isEscalation && hasRole(SUPERVISING)) {
    state.seen.add(key + ':e');
    const li = node();
    li.classList.add('escalation');
    $('escalations').prepend(li);
  }
  $('inbox-empty').hidden = $('inbox').children.length > 0;
  $('escalations-empty').hidden = $('escalations').children.length > 0;
  $('escalation-count').textContent = String($('escalations').children.length);
}

async function openStream() {
  closeStream();
  if (!state.token) {
    return;
  }
  let ticket;
  try {
    ticket = await api('POST', '/api/auth/stream-ticket');
  } catch (e) {
    if (state.token) {
      retryLater();
    }
    return;
  }
  let url = '/api/notifications/inbox/stream?ticket=' + encodeURIComponent(ticket.ticket) + '&lang=' + encodeURIComponent(state.lang);
  if (state.lastEventId) {
    url += '&lastEventId=' + encodeURIComponent(state.lastEventId); // what was missed comes first
  }
  const source = new EventSource(url);
  state.source = source;
  source.addEventListener('ready', () => { state.retryMs = 1000; setStatus('live'); });
  source.addEventListener('notification', (e) => {
    state.lastEventId = e.lastEventId || state.lastEventId;
    show(JSON.parse(e.data), true);
  });
  source.addEventListener('end', (e) => {
    closeStream();
    const reason = JSON.parse(e.data).reason;
    if (reason === 'token-revoked') {
      signOut(t('revoked'));
    } else if (reason === 'token-expired') {
      signOut(t('expired'));
    }
  });
  // A ticket works once, so the browser's own reconnection would be refused: reconnect with a new
  // ticket and the last event id instead.
  source.onerror = () => { closeStream(); retryLater(); };
}

function retryLater() {
  setStatus('reconnecting');
  clearTimeout(state.retryTimer);
  state.retryTimer = setTimeout(openStream, state.retryMs);
  state.retryMs = Math.min(state.retryMs * 2, 30000);
}

function closeStream() {
  clearTimeout(state.retryTimer);
  if (state.source) {
    state.source.close();
    state.source = null;
  }
}

// --- complaints: open and overdue per department, on-time and satisfaction charts ----------------

async function loadDepartments() {
  try {
    const list = await api('GET', '/api/complaints/departments');
    list.forEach((d) => { state.departments[d.code] = d; });
  } catch (e) {
    // names fall back to codes
  }
}

function departmentName(code) {
  if (!code || code === 'unassigned') {
    return t('unassigned');
  }
  const d = state.departments[code];
  return d ? (state.lang === 'en' ? d.nameEn : d.nameZh) : code;
}

async function loadComplaints() {
  const [recent, overdue] = await Promise.all([
    api('GET', '/api/complaints?size=100'),
    api('GET', '/api/complaints?overdue=true&size=100')
  ]);
  const rows = {};
  const row = (dept) => (rows[dept || 'unassigned'] ||= { open: 0, overdue: [] });
  recent.items.filter((c) => OPEN.includes(c.status)).forEach((c) => { row(c.department).open += 1; });
  overdue.items.filter((c) => OPEN.includes(c.status)).forEach((c) => row(c.department).overdue.push(c));
  const body = $('departments').tBodies[0];
  body.replaceChildren();
  Object.keys(rows).sort().forEach((dept) => {
    const r = rows[dept];
    body.append(el('tr', { 'data-department': dept },
      el('td', {}, departmentName(dept)),
      el('td', { class: 'num' }, r.open),
      el('td', { class: 'num' + (r.overdue.length ? ' late' : '') }, r.overdue.length),
      el('td', {}, r.overdue.map((c) => el('div', {}, c.trackingNumber + ' ' + (c.title || '') + ' · ' + t('due') + ' ' + formatTime(c.dueAt))))));
  });
  if (!body.children.length) {
    body.append(el('tr', {}, el('td', { colspan: '4', class: 'empty' }, t('noData'))));
  }
}

async function loadStats() {
  const stats = await api('GET', '/api/complaints/stats');
  const depts = stats.departments;
  barChart($('chart-on-time'), depts.map((d) => ({ label: departmentName(d.department),
    values: [d.acceptedOnTimeRate, d.repliedOnTimeRate] })), [t('accepted'), t('replied')]);
  barChart($('chart-satisfaction'), depts.map((d) => ({ label: departmentName(d.department),
    values: [d.satisfactionRate], note: d.rated ? d.satisfiedOrBasically + '/' + d.rated : '' })), [t('satisfaction')]);
}

async function loadSurveys() {
  if (!hasRole(SURVEY_READERS)) {
    return;
  }
  const surveys = await api('GET', '/api/surveys?size=20');
  const bars = await Promise.all(surveys.filter((s) => s.status !== 'draft').map(async (s) => {
    const progress = await api('GET', '/api/surveys/' + encodeURIComponent(s.id) + '/progress');
    const rate = progress.responseRate;
    return { label: s.title, values: [rate.rate], note: rate.returned + '/' + rate.sent };
  }));
  barChart($('chart-surveys'), bars, [t('surveys')]);
}

// --- a horizontal bar chart of percentages, drawn as SVG ----------------------------------------

function barChart(container, rows, series) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs, text) => {
    const node = document.createElementNS(NS, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  };
  container.replaceChildren();
  if (!rows.length) {
    container.append(el('p', { class: 'empty' }, t('noData')));
    return;
  }
  const labelW = 120;
  const width = 460;
  const barH = 14;
  const rowH = series.length * (barH + 2) + 10;
  const height = rows.length * rowH + 24;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const scale = (v) => (width - labelW - 110) * Math.max(0, Math.min(100, v)) / 100; // room for "100.0% (12/12)"
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    chart.append(svg('text', { x: 0, y: y + barH }, r.label.length > 10 ? r.label.slice(0, 10) + '…' : r.label));
    r.values.forEach((v, j) => {
      const by = y + j * (barH + 2);
      if (v === null || v === undefined) {
        chart.append(svg('text', { x: labelW, y: by + barH - 2, class: 'legend' }, '—'));
        return;
      }
      chart.append(svg('rect', { x: labelW, y: by, width: Math.max(1, scale(v)), height: barH, class: 'bar' + (j ? ' second' : '') }));
      chart.append(svg('text', { x: labelW + scale(v) + 4, y: by + barH - 2 }, v.toFixed(1) + '%' + (r.note ? ' (' + r.note + ')' : '')));
    });
  });
  if (series.length > 1) {
    series.forEach((name, j) => {
      chart.append(svg('rect', { x: labelW + j * 130, y: height - 14, width: 10, height: 10, class: 'bar' + (j ? ' second' : '') }));
      chart.append(svg('text', { x: labelW + j * 130 + 14, y: height - 5, class: 'legend' }, name));
    });
  }
  container.append(chart);
}

function formatTime(iso) {
  if (!iso) {
    return '';
  }
  return new Date(iso).toLocaleString(state.lang, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

// --- wiring --------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  applyLanguage();
  $('signin-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut());
  $('lang-switch').addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('zf.lang', state.lang);
    applyLanguage();
    if (state.me) {
      start().catch(() => {});
    }
  });
  if (state.token) {
    start().catch(() => signOut());
  }
});
