/**
 * `npm run chat -- [--url http://localhost:3978] [--buyer tb_buyer_001]`
 * A terminal chat with a running Kefu over HTTP (deliveryMode expectReplies). Suggested actions
 * appear as numbered choices: type the number to pick one. Ctrl+D or "/quit" ends the chat.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { unescapeText } from '../templates/escape.js';

interface Reply {
  type?: string;
  text?: string;
  suggestedActions?: { actions: { title?: string; value?: unknown }[] };
}

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.KEFU_URL ?? 'http://localhost:3978' },
    buyer: { type: 'string', default: 'tb_buyer_001' },
  },
});
const url = values.url!;
const buyer = values.buyer!;
const conversation = { id: `chat-${randomUUID()}` };
let choices: string[] = [];

async function send(activity: Record<string, unknown>): Promise<Reply[]> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      channelId: 'terminal',
      deliveryMode: 'expectReplies',
      conversation,
      from: { id: buyer, name: buyer },
      recipient: { id: 'kefu', name: '小满' },
      locale: 'zh-CN',
      ...activity,
    }),
  });
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return ((await res.json()) as { activities?: Reply[] }).activities ?? [];
}

function show(replies: Reply[]): void {
  for (const reply of replies.filter((r) => r.type === 'message')) {
    if (reply.text) process.stdout.write(`\n小满: ${unescapeText(reply.text)}\n`);
    const titles = reply.suggestedActions?.actions.map((a) => a.title ?? String(a.value)) ?? [];
    if (titles.length) {
      choices = titles;
      titles.forEach((title, i) => process.stdout.write(`  [${i + 1}] ${title}\n`));
    }
  }
}

const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '\n你: ' });
process.stdout.write(`Kefu 终端聊天 · ${url} · 买家 ${buyer}（输入序号选择按钮，/quit 退出）\n`);
// Start reading lines before the first await, so piped input typed ahead is not lost.
const lines = rl[Symbol.asyncIterator]();
try {
  show(await send({ type: 'conversationUpdate', membersAdded: [{ id: buyer }] }));
  rl.prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '/quit') break;
    if (line) {
      const picked = /^\d+$/.test(line) ? choices[Number(line) - 1] : undefined;
      if (picked) process.stdout.write(`（${picked}）\n`);
      show(await send({ type: 'message', text: picked ?? line }));
    }
    rl.prompt();
  }
} catch (err) {
  process.stderr.write(`\n无法连接 ${url}: ${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  rl.close();
}
