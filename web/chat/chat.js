// The buyer's chat page: Bot Framework Web Chat connected to Kefu's own Direct Line endpoint.
// Identity comes from a buyer token signed by the shop (#token=… from the shop page or the
// widget), or from the demo sign-in when Kefu runs on its demo orders.
/* global WebChat */

const $ = (id) => document.getElementById(id);

/** Web storage, or an in-memory stand-in where the browser denies it (e.g. a third-party iframe). */
function storage(kind) {
  try {
    const real = window[kind];
    real.getItem('probe');
    return real;
  } catch {
    const memory = new Map();
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => memory.set(k, String(v)), removeItem: (k) => memory.delete(k) };
  }
}
const session = storage('sessionStorage');
const local = storage('localStorage');
const DOMAIN = `${location.origin}/directline`;
const BUYER_TOKEN_KEY = 'kefu-buyer-token';

/** The buyer id inside a token (display only; the server verifies the signature). */
function buyerIdOf(token) {
  try {
    return JSON.parse(atob(token.split('.')[0].replace(/-/g, '+').replace(/_/g, '/'))).buyerId;
  } catch {
    return undefined;
  }
}

function fail(message) {
  $('status').textContent = message;
  $('webchat').hidden = true;
}

async function newConversation(buyerToken) {
  const res = await fetch(`${DOMAIN}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${buyerToken}` } });
  if (res.status === 403) throw new Error('forbidden');
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

/** Resumes the buyer's conversation (after a reload or restart) or starts one. */
async function connect(buyerToken) {
  const buyerId = buyerIdOf(buyerToken);
  const savedKey = `kefu-conversation:${buyerId}`;
  let saved = JSON.parse(local.getItem(savedKey) ?? 'null');
  if (saved) {
    const check = await fetch(`${DOMAIN}/conversations/${encodeURIComponent(saved.conversationId)}`, { headers: { authorization: `Bearer ${saved.token}` } });
    if (!check.ok) saved = null;
  }
  if (!saved) {
    const started = await newConversation(buyerToken);
    saved = { conversationId: started.conversationId, token: started.token };
    local.setItem(savedKey, JSON.stringify(saved));
  }
  const directLine = WebChat.createDirectLine({ domain: DOMAIN, token: saved.token, conversationId: saved.conversationId, webSocket: true });
  // The client refreshes its token every 15 minutes; keep the newest for the next visit.
  setInterval(() => directLine.token && local.setItem(savedKey, JSON.stringify({ ...saved, token: directLine.token })), 60_000);
  addEventListener('pagehide', () => directLine.token && local.setItem(savedKey, JSON.stringify({ ...saved, token: directLine.token })));

  $('buyer').textContent = buyerId ? `买家 ${buyerId}` : '';
  $('webchat').hidden = false;
  WebChat.renderWebChat(
    {
      directLine,
      store: itemInView ? WebChat.createStore({}, withItemInView) : undefined,
      userID: buyerId,
      username: buyerId,
      locale: 'zh-CN',
      // The bot writes one thought per line; keep its line breaks (Markdown would join them).
      renderMarkdown: (markdown, ...rest) => WebChat.renderMarkdown(markdown.replace(/([^\n])\n(?!\n)/g, '$1  \n'), ...rest),
      styleOptions: {
        accent: '#ff5000',
        botAvatarInitials: '满',
        userAvatarInitials: '我',
        hideUploadButton: true,
        suggestedActionLayout: 'flow',
        bubbleBorderRadius: 10,
        bubbleFromUserBorderRadius: 10,
        bubbleFromUserBackground: '#fff1e8',
        sendTypingIndicator: true,
        primaryFont: 'system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
      },
    },
    $('webchat'),
  );
  document.querySelector('#webchat input, #webchat textarea')?.focus();
}

/** Web Chat store middleware: every message the buyer sends carries the item in view (channelData.itemId). */
const withItemInView = () => (next) => (action) => {
  if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && action.payload.activity.type === 'message') {
    const { activity } = action.payload;
    return next({ ...action, payload: { ...action.payload, activity: { ...activity, channelData: { ...activity.channelData, itemId: itemInView } } } });
  }
  return next(action);
};

async function demoSignIn() {
  const { demoBuyers } = await (await fetch('/webchat/config')).json();
  if (!demoBuyers.length) return fail('请从店铺页面打开在线客服。');
  $('demo-sign-in').hidden = false;
  for (const buyerId of demoBuyers) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = buyerId;
    button.addEventListener('click', async () => {
      const { token } = await (await fetch('/webchat/demo-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ buyerId }) })).json();
      session.setItem(BUYER_TOKEN_KEY, token);
      $('demo-sign-in').hidden = true;
      start(token);
    });
    $('demo-buyers').append(button);
  }
}

async function start(buyerToken) {
  try {
    await connect(buyerToken);
  } catch (err) {
    session.removeItem(BUYER_TOKEN_KEY);
    fail(err.message === 'forbidden' ? '身份校验失败：买家身份无效或已过期，请从店铺页面重新打开。' : '暂时连不上客服，请稍后再试。');
  }
}

const pageParams = new URLSearchParams(location.hash.slice(1));
const fromPage = pageParams.get('token');
// The item the buyer is looking at on the shop page (#item=… or ?item=…), sent with every message.
const itemInView = pageParams.get('item') ?? new URLSearchParams(location.search).get('item');
if (fromPage) history.replaceState(null, '', location.pathname); // keep the token out of the address bar
const buyerToken = fromPage ?? session.getItem(BUYER_TOKEN_KEY);
if (buyerToken) {
  session.setItem(BUYER_TOKEN_KEY, buyerToken);
  start(buyerToken);
} else demoSignIn();
