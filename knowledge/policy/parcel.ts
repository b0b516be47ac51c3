/**
 * F10 物流查件 and F4 未收到货: is a parcel on its way moving? A parcel whose last courier scan
 * is older than the shop's normal transit time (shop-profile shipping.normalTransitDays) has
 * stalled: the shop chases the courier (`000` Q3: 联系快递公司, 确认责任人) and the buyer may ask
 * for 仅退款 while it is in transit (F4: 卖家已发货, 未收到货 → 仅退款; R17 once 交易成功).
 */
import type { KnowledgeBase } from '../knowledgeBase.js';
import type { Cited } from './decision.js';
import { DAY } from './time.js';

export interface ParcelInput {
  /** The latest courier scan (or the shipping time when there is none). */
  lastScanAt: Date;
  signed: boolean;
}

export interface ParcelProgress extends Cited {
  daysSinceLastScan: number;
  normalTransitDays: number;
  /** No scan for longer than the whole normal transit time, and not signed. */
  stalled: boolean;
}

export function parcelProgress(kb: KnowledgeBase, input: ParcelInput, now: Date): ParcelProgress {
  const normalTransitDays = kb.profile.shipping.normalTransitDays;
  const daysSinceLastScan = Math.floor((now.getTime() - input.lastScanAt.getTime()) / DAY);
  const stalled = !input.signed && daysSinceLastScan > normalTransitDays;
  return { daysSinceLastScan, normalTransitDays, stalled, ruleIds: stalled ? ['R17'] : [] };
}
