// Kefu agent console. Every piece of text from buyers, orders or the bot goes into the page with
// textContent, never as HTML. Bot and agent messages were escaped for Web Chat's Markdown on the
// server; plainText() undoes that for display here (as text, so nothing can become markup).

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'kefu-agent-token';
let token = sessionStorage.getItem(TOKEN_KEY);
let me;
let openCaseId;
let openCase;
let stream;

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const plainText = (text) => String(text ?? '').replace(/\\([\\`*[\]#|~])/g, '$1').replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]);
const STATUS = { WAIT_BUYER_PAY: '待付款', WAIT_SELLER_SEND_GOODS: '待发货', WAIT_BUYER_CONFIRM_GOODS: '已发货', TRADE_FINISHED: '交易成功', TRADE_CLOSED: '交易关闭' };
const RUNG = { agent: '客服', supervisor: '主管', platform: '小二介入建议' };

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function api(path, options = {}) {
  const res = await fetch(path, {
    ...options,
    headers: { authorization: `Bearer ${token}`, ...(options.body ? { 'content-type': 'application/json' } : {}) },
  });
  if (res.status === 401) {
    if (me) signOut(); // a token that stopped working (e.g. rotated): back to the sign-in form
    throw new Error('unauthorised');
  }
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : undefined;
  if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body;
}

async function signIn(candidate) {
  token = candidate;
  me = await api('/api/agent/me');
  sessionStorage.setItem(TOKEN_KEY, token);
  $('sign-in').hidden = true;
  $('desk').hidden = false;
  $('sign-out').hidden = false;
  $('who').textContent = `${me.id}（${me.role === 'supervisor' ? '主管' : '客服'}）`;
  await Promise.all([refreshQueue(), refreshTasks()]);
  listen();
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  stream?.abort();
  location.reload();
}

/** Server-sent events over fetch (EventSource cannot send the Authorization header). */
async function listen() {
  stream = new AbortController();
  try {
    const res = await fetch('/api/agent/events', { headers: { authorization: `Bearer ${token}` }, signal: stream.signal });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const chunk = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(chunk)?.[1];
        const data = /^data: (.*)$/m.exec(chunk)?.[1];
        if (event && data) onEvent(event, JSON.parse(data));
      }
    }
  } catch {
    if (stream.signal.aborted) return;
  }
  setTimeout(listen, 2000); // reconnect after a drop
}

// The queue changes only with handoff events (which come as `queue`); a message just joins the
// open conversation's transcript, so nothing is re-read.
function onEvent(event, data) {
  if (event === 'queue') refreshQueue();
  if (event === 'activity' && data.caseId === openCaseId) appendActivity(data.activity);
}

let queueTimer;
function refreshQueue() {
  clearTimeout(queueTimer);
  queueTimer = setTimeout(async () => {
    const { cases } = await api('/api/agent/queue');
    const list = $('queue');
    list.replaceChildren();
    $('queue-count').textContent = `(${cases.length})`;
    for (const c of cases) {
      const item = el('li');
      const button = el('button');
      button.type = 'button';
      button.setAttribute('aria-current', String(c.id === openCaseId));
      const head = el('span');
      head.append(el('span', RUNG[c.rung], `badge${c.priority >= 3 ? ' high' : ''}`), el('span', `优先级 ${c.priority}`, 'badge'));
      const waited = Math.max(0, Math.round((Date.now() - Date.parse(c.queuedAt)) / 60000));
      button.append(head, el('span', plainText(c.summary)), el('small', `${c.buyerId} · ${c.status === 'assigned' ? `${c.agentId} 接待中` : `已等 ${waited} 分钟`}`));
      button.addEventListener('click', () => openCaseView(c.id));
      item.append(button);
      list.append(item);
    }
  }, 100);
}

async function refreshTasks() {
  const { tasks } = await api('/api/agent/tasks');
  $('tasks').replaceChildren(...tasks.map((t) => el('li', `订单 ${t.tid}（${t.buyerId}）：${plainText(t.script)}`)));
}

function appendActivity(activity) {
  const fromBot = activity.from?.role === 'bot';
  // Only the server marks an agent's message (sent by the desk, so role bot); a buyer's
  // channelData.kefuAgent is just something the buyer sent.
  const agent = fromBot ? activity.channelData?.kefuAgent : undefined;
  if (activity.type === 'event') {
    const what = { 'handoff.initiate': '转人工', 'handoff.status': `人工状态：${activity.value?.state ?? ''}` }[activity.name];
    if (what) $('transcript').append(el('li', what, 'event'));
    return;
  }
  if (activity.type !== 'message') return;
  const item = el('li', undefined, agent ? 'agent' : fromBot ? 'bot' : 'buyer');
  const who = agent ? `客服 ${agent.id}` : fromBot ? '小满（机器人）' : `买家 ${activity.from?.id ?? ''}`;
  item.append(el('span', who, 'who'), el('span', fromBot ? plainText(activity.text) : activity.text ?? ''));
  $('transcript').append(item);
  $('transcript').scrollTop = $('transcript').scrollHeight;
}

async function openCaseView(id) {
  openCaseId = id;
  const view = await api(`/api/agent/cases/${encodeURIComponent(id)}`);
  openCase = view.case;
  $('case-panel').hidden = false;
  $('side-panel').hidden = false;
  $('case-title').textContent = `会话 · ${openCase.buyerId}`;
  $('case-summary').textContent = `${RUNG[openCase.rung]} · ${plainText(openCase.summary)}${openCase.ruleIds.length ? `（规则 ${openCase.ruleIds.join(', ')}）` : ''}`;
  $('transcript').replaceChildren();
  view.transcript.forEach(appendActivity);
  renderOrder(view.order, view.copilot);
  renderStatus();
  refreshQueue();
}

function renderStatus() {
  const mine = openCase.agentId === me.id;
  $('claim').disabled = openCase.status !== 'queued';
  $('give-back').disabled = !(mine || me.role === 'supervisor');
  $('resolve').disabled = !(mine || me.role === 'supervisor');
  $('case-status').textContent = openCase.status === 'assigned' ? `${openCase.agentId} 接待中` : '排队中';
}

function renderOrder(order, copilot) {
  const dl = $('order');
  dl.replaceChildren();
  if (order) {
    for (const [k, v] of [
      ['订单号', order.tid],
      ['状态', STATUS[order.status] ?? order.status],
      ['实付', `¥${order.payment}`],
      ['商品', order.orders.map((o) => `${o.title}（${Object.values(o.skuProperties).join(' / ')}）`).join('；')],
    ])
      dl.append(el('dt', k), el('dd', v));
  } else dl.append(el('dt', '订单'), el('dd', '未关联'));
  $('decision').replaceChildren(...describeDecision(copilot?.decision).map((line) => el('li', line)));
  $('deadlines').replaceChildren(...(copilot?.deadlines ?? []).map((d) => el('li', `${d.label}：${new Date(d.dueAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}（${d.ruleIds.join(', ')}）`)));
  $('copilot-meta').textContent = copilot ? `意图 ${copilot.intent.name}（${copilot.intent.confidence}）· 升级 ${copilot.escalation.rung}` : '';
  $('suggestions').replaceChildren(
    ...(copilot?.suggestions ?? []).map((s) => {
      const item = el('li', plainText(s.text));
      item.append(el('div', s.ruleIds.length ? `依据 ${s.ruleIds.join(', ')}` : '', 'rules'));
      const use = el('button', '放入回复框');
      use.type = 'button';
      use.addEventListener('click', () => {
        $('reply').value = plainText(s.text);
        $('reply').focus();
      });
      item.append(use);
      return item;
    }),
  );
  $('evidence').replaceChildren(...(openCase.evidence ?? []).map((e) => el('li', e)));
}

/** The policy decision behind the suggestions, in a line or two, with its rule ids. */
function describeDecision(decision) {
  if (!decision) return [];
  const rules = (ids) => (ids?.length ? `（${ids.join(', ')}）` : '');
  switch (decision.kind) {
    case 'exchange': {
      const d = decision.decision;
      if (d.allowed) return [`换成「${decision.target}」：可以换${rules(d.ruleIds)}`];
      if (d.failures.length) return [`换成「${decision.target}」：不能换 · ${decision.failedConditions.join('、')}${rules(d.ruleIds)}`];
      return [`换成「${decision.target}」：待确认 ${d.pending.join('、')}${rules(d.ruleIds)}`];
    }
    case 'refund':
      return decision.routes.map((r) => `${r.reason?.label ?? ''}：${r.available ? `${r.kind}，退货运费 ${r.returnPostage}` : `不可退（${r.blockedBy}）`}${rules(r.ruleIds)}`);
    case 'shipment':
      return [`${decision.status.overdue ? '已超' : '未超'}发货时限（付款后${decision.status.hoursSincePaid}小时）${rules(decision.status.ruleIds)}`];
    default:
      return [];
  }
}

async function act(path) {
  try {
    await api(`/api/agent/cases/${encodeURIComponent(openCaseId)}/${path}`, { method: 'POST' });
    await openCaseView(openCaseId);
  } catch (err) {
    $('case-status').textContent = err.message;
  }
}

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await signIn($('token').value.trim());
  } catch {
    $('sign-in-error').textContent = '令牌无效，请重试';
  }
});
$('sign-out').addEventListener('click', signOut);
$('claim').addEventListener('click', () => act('claim'));
$('give-back').addEventListener('click', () => act('give-back'));
$('resolve').addEventListener('click', () => act('resolve'));
$('reply-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('reply').value.trim();
  if (!text) return;
  try {
    await api(`/api/agent/cases/${encodeURIComponent(openCaseId)}/messages`, { method: 'POST', body: JSON.stringify({ text }) });
    $('reply').value = '';
  } catch (err) {
    $('case-status').textContent = err.message;
  }
});

if (token) signIn(token).catch(() => sessionStorage.removeItem(TOKEN_KEY));
