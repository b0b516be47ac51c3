import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity, post, say, startKefu, type RunningKefu } from '../support/kefu.js';

let kefu: RunningKefu;
beforeAll(async () => {
  kefu = await startKefu();
});
afterAll(() => kefu.stop(1000));

async function expectRefused(res: Response, status: number, pattern: RegExp) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { message: string } };
  expect(body.error.message).toMatch(pattern);
}

describe('bad input to /api/messages', () => {
  it('malformed JSON → 400 saying so', async () => {
    await expectRefused(await post(kefu.url, '{"type": "message", ', true), 400, /not valid JSON/);
  });

  it('a body that is not an activity → 400 naming the field', async () => {
    await expectRefused(await post(kefu.url, { hello: 'world' }), 400, /type/);
    await expectRefused(await post(kefu.url, [1, 2, 3]), 400, /body|type/);
  });

  it('a missing conversation id → 400 naming conversation.id', async () => {
    const { conversation: _omitted, ...activity } = messageActivity('x', '你好');
    await expectRefused(await post(kefu.url, activity), 400, /conversation/);
  });

  it('no serviceUrl and no expectReplies → 400 explaining where replies would go', async () => {
    await expectRefused(await post(kefu.url, { ...messageActivity('x', '你好'), deliveryMode: undefined }), 400, /serviceUrl/);
  });

  it('a 1 MB text → 413, and an over-long message → 413 naming the limit', async () => {
    await expectRefused(await post(kefu.url, messageActivity('x', '退'.repeat(1_000_000))), 413, /larger than/);
    const toAChannel = { ...messageActivity('x', '退'.repeat(5000), 'buyer-1', 'http://127.0.0.1:9/'), deliveryMode: 'normal' };
    await expectRefused(await post(kefu.url, toAChannel), 413, /longer than 2000/);
  });

  it('an over-long message with expectReplies gets a short reply the buyer can read', async () => {
    const res = await post(kefu.url, messageActivity('x', '退'.repeat(5000)));
    expect(res.status).toBe(200);
    const { activities } = (await res.json()) as { activities: { text: string }[] };
    expect(activities.map((a) => a.text)).toEqual([expect.stringMatching(/太长.*2000.*分几条/)]);
  });

  it('keeps serving after all of that', async () => {
    const [reply] = await say(kefu.url, 'after-bad-input', '你好');
    expect(reply?.text).toContain('欢迎光临');
  });
});
