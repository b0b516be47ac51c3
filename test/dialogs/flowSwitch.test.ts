/**
 * A flow that hands over to another (the order lookup to the refund, the refund to its progress,
 * urge shipping from logistics…) leaves it to MainDialog to begin the next one at its own level,
 * so that a question answered on the spot at the new flow's prompt can ask that prompt again.
 */
import { describe, expect, it } from 'vitest';
import { chat } from '../support/transcript.js';

const TEE = '3289114476201230004'; // tb_buyer_001: T恤 白色/M, signed 2 days ago

describe('a flow handed over to another', () => {
  it('order lookup → refund: a question at the refund\'s prompt is answered and the prompt asked again', async () => {
    const c = await chat('tb_buyer_001');
    await c.say(TEE);
    expect(c.last).toContain('想办什么');
    await c.say('退货退款');
    const prompt = c.last;
    expect(prompt).toContain('退款原因');
    await c.say('你们发什么快递');
    expect(c.last).toContain('申通快递');
    expect(c.last).toContain('接着刚才的');
    expect(c.last).toContain('退款原因');
    expect(c.last).not.toContain('开了个小差');
  });
});
