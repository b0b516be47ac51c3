/**
 * Conversations in which the buyer never presses a button: every flow F1–F16 and every pre-sales
 * intent, typed the way BUYERS.md says buyers type (no punctuation, fragments, particles, typos,
 * traditional characters, pasted numbers). Each turn is [what the buyer types, what the bot's
 * replies must contain]; a reply must never be only "please press a button".
 */
import { describe, expect, it } from 'vitest';
import { chat } from '../support/transcript.js';

type Turn = [typed: string, ...expected: (string | RegExp)[]];

// Demo orders (bot/orders/demo/fixtures.ts). tb_buyer_001:
const UNPAID = '3289114476201230001'; // T恤, 待付款
const COAT = '3289114476201230002'; // 大衣, paid 80 h ago, not printed, not shipped
const SNEAKER_UNSHIPPED = '3289114476201230003'; // 运动鞋, paid 10 h ago, printed
const TEE = '3289114476201230004'; // T恤 白色/M, signed 2 days ago, 运费险
const SNEAKER = '3289114476201230005'; // 运动鞋 41, postage ¥10, signed 3 days ago
const LIPSTICK = '3289114476201230006'; // 口红, shipped, not signed
const MUG = '3289114476201230007'; // 定制马克杯, 交易成功
const TWO_LINES = '3289114476201230008'; // T恤×2 + 口红, 交易成功
const CLOSED = '3289114476201230009';

async function conversation(buyer: string, turns: Turn[]): Promise<void> {
  const c = await chat(buyer);
  for (const [typed, ...expected] of turns) {
    await c.say(typed);
    const reply = c.last;
    expect(reply, `reply to "${typed}"`).not.toMatch(/^亲，麻烦点一下下面的按钮/);
    expect(reply.length, `a reply to "${typed}"`).toBeGreaterThan(0);
    for (const e of expected) {
      if (typeof e === 'string') expect(reply, `reply to "${typed}"`).toContain(e);
      else expect(reply, `reply to "${typed}"`).toMatch(e);
    }
  }
}

const cases: [name: string, buyer: string, turns: Turn[]][] = [
  // F1 催付
  ['F1 付款失败 → 付不了', 'tb_buyer_001', [['拍了还没付 付款一直失败咋回事', '还没付款'], ['付不了', '换个付款方式']]],
  ['F1 hello with an unpaid order → 太贵了', 'tb_buyer_001', [['在吗', '欢迎光临', '还没付款'], ['太贵了', '满99元减10元']]],
  ['F1 运费 typed as words', 'tb_buyer_001', [['拍下了没付钱', '还没付款'], ['邮费有点贵', '运费补贴']]],
  ['F1 再考虑下 (not a cancel)', 'tb_buyer_001', [['那个t恤还没付款', '还没付款'], ['再考虑下', '加入收藏']]],
  ['F1 不要了 → no more reminders', 'tb_buyer_001', [['拍下了没付款', '还没付款'], ['不要了', '不会再提醒']]],
  ['F1 尺码拿不准 by position', 'tb_buyer_001', [[`${UNPAID}`, '待付款', '想办什么'], ['付款', '还没付款'], ['3', '七天无理由']]],

  // F2 pre-sales, every intent
  ['shipping_question: courier', 'tb_buyer_003', [['发啥快递', '默认发申通快递']]],
  ['shipping_question: can you send SF', 'tb_buyer_003', [['能发顺丰不', '可以发顺丰速运', '另加12元']]],
  ['shipping_question: days to a city', 'tb_buyer_003', [['到北京几天', '到北京市，发货后一般2-3天能到', '预估']]],
  ['shipping_question: postage', 'tb_buyer_003', [['包邮不亲', '满49元包邮', '不满的话运费8元']]],
  ['shipping_question: when it ships, traditional characters', 'tb_buyer_003', [['今天拍今天能發貨嗎', '48小时内发货']]],
  ['price_promotion: bargaining', 'tb_buyer_003', [['能便宜点不', '没法单独改价', '满99减10', '领券', '满199减20']]],
  ['price_promotion: gifts', 'tb_buyer_003', [['有赠品没', '满3件送不锈钢山核桃剥壳器一个']]],
  ['size_advice: measurements', 'tb_buyer_003', [['175 70kg穿多大', '收到您的尺寸', '哪一款']]],
  ['size_advice: fit', 'tb_buyer_003', [['这款偏大还是偏小', '尺码表']]],
  ['product_question → a pre-sales agent, typed 好的', 'tb_buyer_003', [['T恤是哪个厂家做的', '我帮您问一下', '转给售前客服'], ['好的', '人工客服']]],
  ['product_question without an item in view: which one?', 'tb_buyer_003', [['这个是纯棉的吗', '哪一款'], ['T恤', '纯棉圆领T恤', '想了解它的什么']]],
  ['product_question → 不用了', 'tb_buyer_003', [['卫衣是哪个厂家做的', '我帮您问一下', '转给售前客服'], ['不用了', '太好了']]],
  // Pre-sales answers from the shop's data (issue 15): profile, promotions, size charts, FAQ, catalogue.
  ['shipping: which couriers, and SF', 'tb_buyer_003', [['你们发什么快递 能发顺丰吗', '默认发申通快递', '顺丰速运（另加12元）', '京东快递、德邦快递、极兔速递暂时发不了', '可以发顺丰速运的亲，需要另加12元']]],
  ['shipping: days to a city', 'tb_buyer_003', [['到石家庄几天', '从杭州市发申通快递到河北省', '2-3天能到', '预估时间']]],
  ['shipping: SF days to a city', 'tb_buyer_003', [['顺丰到杭州几天', '顺丰速运到浙江省', '1-1天能到', '另加12元']]],
  ['shipping: an area not served', 'tb_buyer_003', [['能发到香港吗', '香港特别行政区暂时不发货']]],
  ['shipping: a courier not offered', 'tb_buyer_003', [['能发京东吗', '暂时发不了京东快递']]],
  ['shipping: remote postage', 'tb_buyer_003', [['新疆包邮吗', '发新疆维吾尔自治区', '满299元包邮', '运费15元']]],
  ['shipping: when it ships', 'tb_buyer_003', [['今天拍今天能发吗', '16:00前付款的当天发出', '48小时内发货']]],
  ['promotions: coupons and where to get them', 'tb_buyer_003', [['有优惠券吗', '店铺券 满99减10', '店铺首页“领券”栏', '每人限领1张']]],
  ['size: the T恤 named, 170 65kg', 'tb_buyer_003', [['这件T恤 170 65kg穿什么码', '纯棉圆领T恤的尺码表', '身高170cm', '体重65kg', '建议选L码']]],
  ['size: the hoodie id pasted, then measurements', 'tb_buyer_003', [['681250339472', '重磅连帽卫衣这款'], ['170 130斤穿什么码', '重磅连帽卫衣的尺码表', '体重65kg']]],
  ['size: an item with no chart', 'tb_buyer_003', [['759013662355', '316不锈钢保温杯这款'], ['170 65kg穿什么码', '保温杯店里没有写尺码表', '我帮您问一下', '转给售前客服']]],
  ['product: a FAQ answer with its source', 'tb_buyer_003', [['保温杯能泡茶吗', '可以泡茶', '依据']]],
  ['product: an attribute from the catalogue', 'tb_buyer_003', [['T恤是纯棉的吗', '纯棉圆领T恤的材质', '100%棉']]],
  ['product: not in the data → 我帮您问一下 and a pre-sales agent', 'tb_buyer_003', [['T恤是哪个厂家做的', '我帮您问一下', '转给售前客服'], ['好的', '人工客服']]],
  ['product: a fact found by similarity', 'tb_buyer_003', [['这款T恤有荧光剂吗', '不含荧光增白剂', '以店铺商品资料为准']]],
  ['pre-sales: two questions in one message', 'tb_buyer_003', [['发什么快递 几天到北京', '默认发申通快递', '到北京市，发货后一般2-3天能到']]],

  // F4/F5 refund
  ['F4 unshipped and overdue: 发货太慢 typed', 'tb_buyer_001', [[`${COAT} 不想要了退款`, '退款原因'], ['发货太慢了', '仅退款', '¥500.00的赔付']]],
  ['F5 不喜欢 → keep with compensation? 不要补偿', 'tb_buyer_001', [[`${TEE} 衣服不喜欢想退`, '退款原因'], ['不喜欢', '补偿'], ['不要补偿 退吧', '退货退款', '退货地址']]],
  ['F5 小了 → exchange instead, typed all the way', 'tb_buyer_001', [[`${TEE} 退货`, '退款原因'], ['小了', '换一个'], ['换一个吧', '可以换成下面这些'], ['L', '吊牌'], ['在的', '可以换成「白色 / L」']]],
  ['F4 changed mind before shipping, order by its title', 'tb_buyer_001', [['鞋子还没发 不想要了 退款', '哪一笔订单'], ['待发货的运动鞋', '退款原因'], ['不要了', '补偿'], ['不用了', '¥469.00']]],
  ['F4 unpaid: nothing to refund', 'tb_buyer_001', [[`${UNPAID} 退款`, '还没有付款']]],

  // F6 exchange
  ['F6 which order by pasting it, size typed, intact typed', 'tb_buyer_001', [['衣服小了想换个L码的', '哪一笔订单'], [TEE, '吊牌'], ['没穿过', '可以换成「白色 / L」']]],
  ['F6 大一码: the next size up, then the list when it is sold out', 'tb_buyer_010', [['卫衣小了 换大一码', '「黑色 / XXL」暂时没货了', '可以换成下面这些'], ['燕麦色的xxl', '吊牌'], ['没穿过', '可以换成「燕麦色 / XXL」']]],
  ['F8 XL换成L before shipment: an order change, not an exchange', 'tb_buyer_008', [['XL换成L', '发货前我们直接帮您把规格改成「黑色 / L」'], ['好的', '登记好']]],
  ['F6 one fitting order, size in the message', 'tb_buyer_003', [['鞋子换个40码', '帮您找到了这笔订单', '吊牌'], ['吊牌都在', '可以换成「白色 / 40」']]],
  ['F6 postage not free: agreed in words', 'tb_buyer_001', [[`${SNEAKER} 鞋码小了换40码`, '吊牌'], ['都在', '运费需要您来承担'], ['行 我出', '可以换成「白色 / 40」']]],
  ['F6 worn: refused', 'tb_buyer_001', [[`${TEE} 换个黑色的`, '吊牌'], ['穿过一次了', '不完好']]],

  // F7 urge shipping
  ['F7 overdue, order by a piece of its title', 'tb_buyer_001', [['咋还不发货啊 都三天了', '哪一笔订单'], ['大衣', '超过了72小时', '精美收纳袋']]],
  ['F7 Taobao order by position', 'tb_buyer_002', [['什么时候发货啊', '哪一笔订单'], ['第一个', '超过了72小时']]],
  ['F7 not yet due', 'tb_buyer_001', [[`${SNEAKER_UNSHIPPED} 啥时候发`, /前发出/]]],

  // F8 modify
  ['F8 not printed: the change typed', 'tb_buyer_001', [['地址填错了要改', '哪一笔订单'], ['大衣那单', '还没打单'], ['改成上海市浦东新区世纪大道1号 李四', '修改要求已经记下']]],

  // F9 invoice
  ['F9 personal invoice, all typed', 'tb_buyer_001', [['开个发票', '哪一笔订单'], [TEE, '哪种发票'], ['普票', '发票抬头'], ['个人', '税号'], ['无', '抬头「个人」']]],
  ['F9 company 专票', 'tb_buyer_001', [[`${MUG} 要开票`, '哪种发票'], ['专票', '发票抬头'], ['杭州小满科技有限公司', '税号'], ['91330100MA2ABCDE1X', '增值税专用发票']]],

  // F10 logistics
  ['F10 slow, typed', 'tb_buyer_001', [['我的快递到哪了', '哪一笔订单'], [LIPSTICK, '申通快递'], ['太慢了', '正常时效内']]],
  ['F10 not delivered upstairs', 'tb_buyer_001', [[`${LIPSTICK} 查下物流`, '申通快递'], ['不送上门 放驿站了', '送货上门']]],
  ['F10 signed but not received: asked around, nothing', 'tb_buyer_001', [['显示签收了但是我没收到', '哪一笔订单'], [TEE, '代收'], ['问过了没有', '未收到货', '人工客服']]],
  ['F10 signed, found at the 驿站', 'tb_buyer_001', [[`${TEE} 签收了没看到东西`, '代收'], ['找到了 在驿站', '太好了']]],

  // F11 wrong or missing item
  ['F11 missing from a two-line order: reship', 'tb_buyer_001', [['收到了但是少了一件 能退吗', '哪一笔订单'], [TWO_LINES, '哪种情况'], ['少发', '拍一下'], ['等会拍', '补寄'], ['好 补发吧', '3个工作日内发出']]],
  ['F11 wrong colour: nothing will do → a supervisor', 'tb_buyer_001', [['发错颜色了', '哪一笔订单'], [TEE, '哪种情况'], ['发错了', '拍一下'], ['发了', '来回运费'], ['都不满意', '怎么处理'], ['要全额退款', '客服主管']]],
  ['F11 return with pickup', 'tb_buyer_001', [[`${TEE} 发错货了`, '哪种情况'], ['款式不对', '拍一下'], ['拍好了', '来回运费'], ['退货', '上门取件']]],

  // F12 quality
  ['F12 repair', 'tb_buyer_001', [['衣服开线了', '哪一笔订单'], [TEE, '照片'], ['拍好了', '影响正常使用'], ['影响穿', '怎么处理'], ['修一下', '14天内']]],
  ['F12 return at our cost', 'tb_buyer_001', [[`${SNEAKER} 鞋底开胶了`, '照片'], ['发了', '影响正常使用'], ['影响', '怎么处理'], ['退货', '寄回的运费由我们承担', '¥469.00']]],
  ['F12 a new one', 'tb_buyer_001', [[`${TEE} 质量有问题`, '照片'], ['晚点拍', '影响正常使用'], ['用不了', '怎么处理'], ['换个新的', '给您发新的']]],

  // F13 compensation
  ['F13 small flaw, amount typed', 'tb_buyer_001', [[`${TEE} 有点小瑕疵 线头多`, '照片'], ['好了', '影响正常使用'], ['不影响', '补偿'], ['20块吧', '人工客服']]],
  ['F13 above the agent limit', 'tb_buyer_001', [[`${TEE} 衣服有个小洞`, '照片'], ['发了', '影响正常使用'], ['还能穿 小问题', '补偿'], ['赔我50块吧', '客服主管']]],

  // F14 authenticity
  ['F14 reassured', 'tb_buyer_003', [['是不是正品啊', '正规渠道'], ['放心了', '太好了']]],
  ['F14 appraisal', 'tb_buyer_003', [['假的吧', '假一赔三'], ['我要鉴定', '鉴定费也由我们承担', '人工客服']]],
  ['F14 invoice as proof', 'tb_buyer_003', [['保证正品么', '正规渠道'], ['开个发票看看', '哪种发票']]],

  // F15 complaint
  ['F15 not yet filed', 'tb_buyer_003', [['我要投诉你们', '已经发起了投诉'], ['还没', '问题说一下'], ['客服态度差 东西也不行', '人工客服']]],
  ['F15 already with 小二', 'tb_buyer_003', [['已经申请小二介入了', '已经发起了投诉'], ['已经投诉了', '问题说一下'], ['发错货还不给退', '聊天记录', '人工客服']]],

  // F16 reviews
  ['F16 好评返现', 'tb_buyer_003', [['好评有返现吗', '评价'], ['返现', '主管']]],
  ['F16 bad review', 'tb_buyer_003', [['给了个差评', '评价'], ['差评', '48小时内'], ['质量太差了', '人工客服']]],
  ['F16 good review', 'tb_buyer_003', [['评价写好了', '评价'], ['五星好评', '谢谢亲的好评']]],

  // Order numbers, item numbers and phone numbers
  ['an order number alone → the order, then 想退', 'tb_buyer_001', [[TEE, '查到这笔订单', '已发货', '想办什么'], ['想退', '退款原因']]],
  ['an order number with full-width digits → 换货 by name', 'tb_buyer_001', [['３２８９１１４４７６２０１２３０００４', '查到这笔订单'], ['换货', '可以换成下面这些']]],
  ['a closed order number', 'tb_buyer_001', [[CLOSED, '交易关闭', '已经关闭']]],
  ['an item number alone, then a question about it', 'tb_buyer_001', [['528837201145', '商品编号 528837201145', '想了解'], ['这款厚吗', '商品编号 528837201145']]],
  ['a phone number is never an order', 'tb_buyer_001', [['13800001111', '手机号', '不是订单号']]],
  ['order number plus words starts that flow with it', 'tb_buyer_001', [[`${TEE} 衣服不想要了`, '已发货', '退款原因']]],
];

describe('typed conversations, no buttons pressed', () => {
  it('there are at least 40 of them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', async (_name, buyer, turns) => {
    await conversation(buyer, turns);
  });
});
