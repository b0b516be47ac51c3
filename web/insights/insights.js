/* The shop's insights page: a supervisor's token, a date range, the numbers and charts, the
 * unanswered questions, and an FAQ answer added from one of them. Buyer text is only ever set as
 * textContent, never as HTML. */
/* global Chart -- chart.umd.min.js, served by Kefu from node_modules/chart.js */
'use strict';

const TOKEN_KEY = 'kefu-insights-token';
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem(TOKEN_KEY);
const charts = {};

const NAMES = {
  refund: '退款/退货', exchange: '换货', urgeShipping: '催发货', urgePayment: '催付', logistics: '查物流', presale: '售前咨询',
  modifyOrder: '改订单', invoice: '发票', wrongItem: '错发漏发', quality: '质量问题', compensation: '赔付', authenticity: '正品',
  complaint: '投诉', review: '评价', orderLookup: '查订单', refundProgress: '退款进度', main: '入口（未进入流程）',
  refund_request: '退款', return_request: '退货', refund_progress: '退款进度', exchange_request: '换货', urge_shipping: '催发货',
  logistics_query: '物流', not_received: '没收到货', modify_order: '改订单', quality_issue: '质量', wrong_or_missing_item: '错发漏发',
  product_question: '商品咨询', size_advice: '尺码', price_promotion: '价格优惠', shipping_question: '发货快递', ask_payment_help: '付款',
  human_agent: '转人工', ask_supervisor: '找主管', complaint_or_escalate: '投诉', review_feedback: '评价', greeting: '打招呼',
  thanks: '感谢', cancel: '取消', order_number: '订单号',
};
const nameOf = (id) => NAMES[id] ?? id;
const percent = (rate) => (rate === null ? '–' : `${Math.round(rate * 1000) / 10}%`);

async function api(path, options = {}) {
  const res = await fetch(path, { ...options, headers: { authorization: `Bearer ${token}`, ...(options.body ? { 'content-type': 'application/json' } : {}) } });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw Object.assign(new Error(body.error?.message ?? `HTTP ${res.status}`), { status: res.status });
  }
  return res;
}

async function signIn(candidate) {
  token = candidate;
  try {
    await load();
  } catch (err) {
    token = null;
    $('sign-in-error').textContent = err.status === 403 ? '只有主管可以查看店铺数据' : err.status === 401 ? '令牌无效' : `加载失败：${err.message}`;
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, candidate);
  $('sign-in').hidden = true;
  $('board').hidden = false;
  $('range').hidden = false;
  $('sign-out').hidden = false;
}

function query() {
  const from = $('from').value;
  const to = $('to').value;
  return from && to ? `?from=${from}&to=${to}` : '';
}

async function load() {
  const [summary, unanswered] = await Promise.all([
    api(`/api/insights/summary${query()}`).then((r) => r.json()),
    api(`/api/insights/unanswered${query()}`).then((r) => r.json()),
  ]);
  $('from').value = summary.from;
  $('to').value = summary.to;
  $('load-error').textContent = '';
  showSummary(summary);
  showUnanswered(unanswered.clusters);
}

function showSummary(s) {
  $('conversations').textContent = String(s.conversations);
  $('resolution-rate').textContent = percent(s.resolutionRate);
  $('handoff-rate').textContent = percent(s.handoffRate);
  $('satisfaction').textContent = s.satisfaction.answers ? `${percent(s.satisfaction.satisfiedRate)}（${s.satisfaction.answers}人评价）` : '–';
  $('reminder-conversion').textContent = s.reminders.sent ? `${percent(s.reminders.conversion)}（${s.reminders.paid}/${s.reminders.sent}）` : '–';
  chart('days-chart', 'line', s.days.map((d) => d.date.slice(5)), [
    { label: '会话', data: s.days.map((d) => d.conversations) },
    { label: '自动解决', data: s.days.map((d) => d.resolved) },
    { label: '转人工', data: s.days.map((d) => d.handedOff) },
  ]);
  chart('intents-chart', 'bar', s.topIntents.map((i) => nameOf(i.intent)), [{ label: '会话数', data: s.topIntents.map((i) => i.conversations) }], { indexAxis: 'y' });
  const rows = s.flows.map((f) => {
    const tr = document.createElement('tr');
    const steps = f.leftAt.map((l) => `${l.step} ×${l.count}`).join('，') || '–';
    for (const text of [nameOf(f.flow), String(f.conversations), String(f.abandoned), steps]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  });
  $('flows').tBodies[0].replaceChildren(...rows);
}

function chart(id, type, labels, datasets, options = {}) {
  charts[id]?.destroy();
  charts[id] = new Chart($(id), { type, data: { labels, datasets }, options: { responsive: true, maintainAspectRatio: false, animation: false, ...options } });
}

function showUnanswered(clusters) {
  const items = clusters.map((cluster) => {
    const li = document.createElement('li');
    const head = document.createElement('strong');
    head.textContent = `${cluster.label}（${cluster.count}次）`;
    const examples = document.createElement('div');
    examples.className = 'examples';
    examples.textContent = cluster.examples.slice(0, 5).map((e) => `“${e.text}” ×${e.count}`).join('　');
    const add = document.createElement('button');
    add.type = 'button';
    add.textContent = '补充答案';
    add.addEventListener('click', () => editFaq(cluster));
    li.append(head, examples, add);
    return li;
  });
  if (items.length === 0) {
    const li = document.createElement('li');
    li.textContent = '这段时间没有答不上的问题';
    items.push(li);
  }
  $('unanswered').replaceChildren(...items);
}

function editFaq(cluster) {
  $('faq-editor').hidden = false;
  $('faq-question').value = cluster.label;
  $('faq-paraphrases').value = cluster.examples.map((e) => e.text).filter((t) => t !== cluster.label).join('\n');
  $('faq-answer').value = '';
  $('faq-status').textContent = '';
  $('faq-answer').focus();
}

$('faq-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const paraphrases = $('faq-paraphrases').value.split('\n').map((l) => l.trim()).filter(Boolean);
  try {
    const res = await api('/api/insights/faq', { method: 'POST', body: JSON.stringify({ question: $('faq-question').value, paraphrases, answer: $('faq-answer').value }) });
    const { version } = await res.json();
    $('faq-status').textContent = `已保存，所有客服机器人立即使用（版本 ${version}）`;
  } catch (err) {
    $('faq-status').textContent = `没有保存：${err.message}`;
  }
});

$('faq-export').addEventListener('click', async (event) => {
  event.preventDefault();
  const blob = await (await api('/api/insights/faq/export')).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'added.yaml';
  link.click();
  URL.revokeObjectURL(link.href);
});

$('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn($('token').value.trim());
});
$('range').addEventListener('submit', (event) => {
  event.preventDefault();
  load().catch((err) => ($('load-error').textContent = `加载失败：${err.message}`));
});
$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  location.reload();
});
if (token) signIn(token);
