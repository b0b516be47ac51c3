import { describe, expect, it } from 'vitest';
import { courierIn, courierName, deliveryEstimate, dispatchEstimate, postage, type DeliveryEstimate } from '../../../knowledge/policy/shipping.js';
import { PROVINCES, provinceIn, provinceName } from '../../../knowledge/regions.js';
import { at, kb } from '../../support/knowledge.js';

const profile = kb.profile;

describe('deliveryEstimate: courier, days and surcharge by destination', () => {
  it.each<[string, string, string | undefined, Partial<DeliveryEstimate> & Record<string, unknown>]>([
    ['浙江, default courier', '浙江', undefined, { served: true, province: '浙江省', courier: '申通快递', days: { min: 1, max: 2 }, surcharge: 0, isDefaultCourier: true }],
    ['北京: the default row', '北京市', undefined, { served: true, courier: '申通快递', days: { min: 2, max: 3 } }],
    ['a city: 石家庄 is 河北', '石家庄', undefined, { served: true, province: '河北省', days: { min: 2, max: 3 } }],
    ['黑龙江', '黑龙江', undefined, { served: true, days: { min: 3, max: 4 } }],
    ['内蒙 (short name)', '内蒙', undefined, { served: true, province: '内蒙古自治区', days: { min: 4, max: 6 } }],
    ['新疆: only EMS, +¥20', '新疆', undefined, { served: true, courier: 'EMS', isDefaultCourier: false, surcharge: 2000, days: { min: 5, max: 8 }, onlyCouriers: ['EMS'] }],
    ['新疆 by 顺丰: not to that area', '乌鲁木齐', '顺丰', { served: false, reason: 'courier_not_to_area', couriers: ['EMS'] }],
    ['北京 by 顺丰: +¥12, 1–2 days', '北京', '顺丰', { served: true, courier: '顺丰速运', surcharge: 1200, days: { min: 1, max: 2 } }],
    ['上海 by sf: next day', '上海', 'SF', { served: true, courier: '顺丰速运', days: { min: 1, max: 1 } }],
    ['北京 by EMS', '北京', '邮政', { served: true, courier: 'EMS', surcharge: 2000, days: { min: 3, max: 5 } }],
    ['京东: the shop does not use it', '北京', '京东', { served: false, reason: 'courier_not_offered', courier: '京东快递' }],
    ['圆通: the profile does not say', '北京', '圆通', { served: false, reason: 'courier_unknown', courier: '圆通速递' }],
    ['香港: not served', '香港', undefined, { served: false, reason: 'not_served', couriers: [] }],
    ['not a place we know', '火星', undefined, { served: false, reason: 'unknown_province' }],
  ])('%s', (_name, province, courier, expected) => {
    const estimate = deliveryEstimate(profile, province, courier);
    expect(estimate).toMatchObject(expected);
    if (estimate.served) {
      expect(estimate.ruleIds).toEqual(['R30']);
      expect(estimate.sources[0]?.file).toBe('knowledge/shop-profile.yaml');
    }
  });

  it('cites the row it used', () => {
    const estimate = deliveryEstimate(profile, '杭州');
    expect(estimate.served && estimate.sources).toEqual([{ file: 'knowledge/shop-profile.yaml', field: 'shipping.deliveryDays.byProvince.0' }]);
  });
});

describe('postage: 包邮 thresholds and remote areas', () => {
  it.each<[string, number, string | undefined, object]>([
    ['¥49.00 to 浙江: 包邮', 4900, '浙江', { served: true, free: true, postage: 0, remote: false }],
    ['¥48.99: ¥8, one fen short', 4899, '浙江', { served: true, free: false, postage: 800, shortBy: 1 }],
    ['no destination given: the standard rule', 1000, undefined, { served: true, postage: 800, freeOver: 4900, province: undefined }],
    ['¥298 to 新疆: remote, ¥15', 29800, '新疆', { served: true, remote: true, postage: 1500, shortBy: 100, freeOver: 29900 }],
    ['¥299 to 西藏: 包邮', 29900, '拉萨', { served: true, remote: true, free: true, postage: 0 }],
    ['香港: not served', 10000, '香港', { served: false, reason: 'not_served' }],
    ['unknown place', 10000, '火星', { served: false, reason: 'unknown_province' }],
  ])('%s', (_name, subtotal, province, expected) => {
    expect(postage(profile, subtotal, province)).toMatchObject(expected);
  });
});

describe('dispatchEstimate: the daily cut-off and the one ship promise', () => {
  it.each([
    ['paid 15:59: leaves today', '2026-11-23 15:59', true, '2026-11-23'],
    ['paid 16:00: tomorrow', '2026-11-23 16:00', false, '2026-11-24'],
    ['paid 23:30: tomorrow', '2026-11-23 23:30', false, '2026-11-24'],
    ['paid 00:10: today', '2026-11-24 00:10', true, '2026-11-24'],
  ])('%s', (_name, paid, sameDay, day) => {
    const paidAt = at(paid);
    const d = dispatchEstimate(profile, paidAt);
    expect(d).toMatchObject({ sameDay, expectedShipDay: day, cutOff: '16:00', promiseHours: profile.shipping.promiseHours });
    expect(d.promisedBy.getTime() - paidAt.getTime()).toBe(48 * 3_600_000);
  });
});

describe('couriers and places in buyer words', () => {
  it.each([
    ['能发顺丰吗补差价', '顺丰速运'],
    ['发ems吧', 'EMS'],
    ['我这边中通到不了', '中通快递'],
    ['可以发邮政吗', 'EMS'],
    ['发sf', '顺丰速运'],
    ['sfx是什么', undefined],
    ['几天到', undefined],
  ])('%s → %s', (text, courier) => {
    expect(courierIn(text)).toBe(courier);
  });

  it('canonical courier names', () => {
    expect(courierName('顺丰')).toBe('顺丰速运');
    expect(courierName('申通快递')).toBe('申通快递');
    expect(courierName('某某物流')).toBe('某某物流');
  });

  it.each([
    ['到石家庄几天', '河北省'],
    ['发乌鲁木齐要多久', '新疆维吾尔自治区'],
    ['北京朝阳区', '北京市'],
    ['海南州', '青海省'],
    ['寄海南', '海南省'],
    ['吉林市', '吉林省'],
    ['没有地名', undefined],
  ])('%s → %s', (text, province) => {
    expect(provinceIn(text)?.name).toBe(province);
  });

  it('resolves given names and lists every provincial-level division once', () => {
    expect(provinceName('内蒙')).toBe('内蒙古自治区');
    expect(provinceName('广州')).toBe('广东省');
    expect(provinceName('Mars')).toBeUndefined();
    expect(PROVINCES).toHaveLength(34);
    expect(new Set(PROVINCES.map((p) => p.name)).size).toBe(34);
  });
});
