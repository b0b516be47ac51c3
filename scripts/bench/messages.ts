/**
 * What the load sends: buyer messages typed the way real Taobao buyers write (short, few
 * punctuation marks, particles and typos; see shared BUYERS.md for the style), in roughly the
 * real mix of topics: about 60% before the sale (the product, price, shipping, payment and
 * changes) and 40% after it (where is my parcel, missing or broken items, returns, refunds).
 * Written for the benchmark; none is a training or test example of the recognizer.
 *
 * Left out on purpose: messages that ask for a person or threaten a complaint. Once a
 * conversation is handed to an agent the bot stays quiet in it, so under a long load the mix
 * would drift towards cheap silent turns.
 */

/** Buyers the embedded demo orders know, so that order questions find orders. */
export const BUYERS = ['tb_buyer_001', 'tb_buyer_002', 'tb_buyer_003'] as const;

export const MESSAGES: readonly string[] = [
  // the product itself (~30%)
  '这个是纯棉的吗',
  '大号小号啥区别',
  '身高165 体重110斤穿什么码',
  '卫衣起球吗 洗了会不会缩水',
  '给宝宝穿的连体衣是A类的吗',
  '山核桃是今年的新货吧',
  '保温杯能装开水吗保温多久',
  '帆布鞋偏大还是偏小 我平时穿39',
  '推荐哪款',
  '528837201145这款厚吗',
  // price (~12%)
  '能便宜点不',
  '满199减20怎么没减',
  '买两件包邮不',
  '有赠品吗',
  // shipping before the sale (~20%)
  '发什么快递',
  '能发顺丰吗 补差价也行',
  '今天能发吗',
  '到石家庄几天',
  '我这边中通到不了 发邮政可以吗',
  // payment and changes (~8%)
  '地址填错了 能改吗',
  '拍错颜色了 要黑色的',
  // after the sale (~30%)
  '咋还没到 都五天了',
  '怎么还不发货',
  '3289114476201230004 这个单子到哪了',
  '少发了一包',
  '打开就是坏的 杯子裂了',
  '不要了退了吧',
  '衣服小了换个L',
  '退款什么时候到账',
  '要开发票',
  // fragments that answer the bot's last question, and small talk
  '好的',
  '第二个',
  '在吗',
  '谢谢亲',
];

/**
 * One buyer's conversation, turn by turn, for counting what a turn asks of Redis and what a
 * conversation leaves there: a pre-sales opening, then orders, a return and small talk.
 */
export const CONVERSATION: readonly string[] = [
  '在吗',
  '这个是纯棉的吗',
  '身高165 体重110斤穿什么码',
  '能便宜点不',
  '发什么快递',
  '今天能发吗',
  '怎么还不发货',
  '第一个',
  '好的',
  '咋还没到 都五天了',
  '3289114476201230004 这个单子到哪了',
  '衣服小了换个L',
  '第一个',
  '好的',
  '少发了一包',
  '第二个',
  '退款什么时候到账',
  '要开发票',
  '好的',
  '谢谢亲',
];
