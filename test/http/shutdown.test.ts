/**
 * Issue 13, finding 7: a stop under load answers every request that reached the server; none is
 * reset unanswered (ECONNRESET), so a client never has to guess whether a message was taken.
 */
import { describe, expect, it } from 'vitest';
import { messageActivity, post, startKefu } from '../support/kefu.js';

/** What became of one request: an HTTP status, or the network error's code. */
async function outcome(send: () => Promise<Response>): Promise<string> {
  try {
    const res = await send();
    await res.arrayBuffer();
    return String(res.status);
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return cause?.code ?? (err as Error).message;
  }
}

describe('graceful stop under load', () => {
  it('answers everything in flight and refuses the rest at connect', async () => {
    const kefu = await startKefu();
    const outcomes: string[] = [];
    let stopping: Promise<void> | undefined;
    // 8 clients on kept-alive connections, each sending as fast as it is answered.
    const client = async (c: number) => {
      for (let i = 0; i < 40; i++) {
        if (i === 10 && c === 0) stopping = kefu.stop(5000);
        outcomes.push(await outcome(() => post(kefu.url, messageActivity(`stop-${c}`, '你好', `tb_buyer_00${(c % 3) + 1}`))));
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
    await stopping;
    const counts = outcomes.reduce<Record<string, number>>((n, o) => ({ ...n, [o]: (n[o] ?? 0) + 1 }), {});
    expect(Object.keys(counts).filter((o) => o !== '200' && o !== 'ECONNREFUSED')).toEqual([]);
    expect(counts['200']).toBeGreaterThan(10);
  });
});
