/**
 * Pre-sales shipping from the shop profile: which courier reaches a province and in how many
 * days, what postage an order pays, and when a paid order ships. Estimates, never promises (R30).
 */
import { provinceName } from '../regions.js';
import type { ShopProfile } from '../schema.js';
import { profileSource, type Source } from '../source.js';
import type { Cited } from './decision.js';
import { yuanToFen, type Fen } from './money.js';
import { addHours, parseClock, shanghaiDate, shanghaiMinuteOfDay } from './time.js';

/** Couriers by the names buyers use. Unknown names are compared as written. */
export const COURIERS: readonly { name: string; aliases: string[] }[] = [
  { name: '申通快递', aliases: ['申通', 'sto'] },
  { name: '中通快递', aliases: ['中通', 'zto'] },
  { name: '圆通速递', aliases: ['圆通', 'yto'] },
  { name: '韵达快递', aliases: ['韵达', 'yunda'] },
  { name: '顺丰速运', aliases: ['顺丰', '顺丰快递', 'sf'] },
  // Buyers asking for 邮政 mean China Post; EMS is its express service.
  { name: 'EMS', aliases: ['ems', '邮政', '中国邮政', 'e邮宝'] },
  { name: '京东快递', aliases: ['京东物流', '京东', 'jd'] },
  { name: '德邦快递', aliases: ['德邦物流', '德邦'] },
  { name: '极兔速递', aliases: ['极兔', 'j&t'] },
  { name: '百世快递', aliases: ['百世', '汇通'] },
];

const lower = (s: string) => s.trim().toLowerCase();

/** The canonical name of a courier ("顺丰" → 顺丰速运); unknown names as given. */
export function courierName(given: string): string {
  const g = lower(given);
  return COURIERS.find((c) => lower(c.name) === g || c.aliases.includes(g))?.name ?? given.trim();
}

export const sameCourier = (a: string, b: string): boolean => courierName(a) === courierName(b);

/** The first courier a message names ("能发顺丰吗" → 顺丰速运), by any of its names. */
export function courierIn(text: string): string | undefined {
  const t = lower(text);
  let best: { at: number; name: string } | undefined;
  for (const c of COURIERS)
    for (const word of [lower(c.name), ...c.aliases]) {
      // Latin aliases only as whole words: "sf" yes, "sfx" no.
      const at = /^[a-z&]+$/.test(word) ? t.search(new RegExp(`(?<![a-z])${word.replace('&', '\\&')}(?![a-z])`)) : t.indexOf(word);
      if (at >= 0 && (!best || at < best.at)) best = { at, name: c.name };
    }
  return best?.name;
}

export interface DayRange {
  min: number;
  max: number;
}

export type DeliveryEstimate =
  | (Cited & {
      served: true;
      province: string;
      courier: string;
      isDefaultCourier: boolean;
      /** Extra charge for this courier (0 for the default). */
      surcharge: Fen;
      /** Days on the way after shipping. */
      days: DayRange;
      shipFrom: { province: string; city: string };
      /** The area takes only some couriers: these. */
      onlyCouriers?: string[];
      note?: string;
      sources: Source[];
    })
  | (Cited & {
      served: false;
      province?: string;
      courier?: string;
      /**
       * unknown_province: not a province or city we know; not_served: the shop does not ship
       * there; courier_not_offered: the shop does not use that courier; courier_not_to_area: not
       * to this area; courier_unknown: the profile does not say (ask a person).
       */
      reason: 'unknown_province' | 'not_served' | 'courier_not_offered' | 'courier_not_to_area' | 'courier_unknown';
      /** The couriers that do reach the province. */
      couriers: string[];
      note?: string;
      sources: Source[];
    });

function offeredCouriers(profile: ShopProfile): string[] {
  return [profile.shipping.defaultCourier, ...profile.shipping.extraCouriers.map((c) => c.name)];
}

/** The shop's restriction for a province (full name), with its index in the profile. */
function restrictionOf(profile: ShopProfile, province: string) {
  const i = profile.shipping.restrictedAreas.findIndex((a) => a.provinces.includes(province));
  return i < 0 ? undefined : { ...profile.shipping.restrictedAreas[i]!, source: profileSource(`shipping.restrictedAreas.${i}`) };
}

/**
 * How long a parcel takes to `province` (a full name, short name or city) with `courier` (the
 * default when not given, or the first allowed one where the default does not go), and the
 * surcharge; or why it cannot go. Days count from shipping; see `dispatchEstimate` for that.
 */
export function deliveryEstimate(profile: ShopProfile, province: string, courier?: string): DeliveryEstimate {
  const { shipping } = profile;
  const name = provinceName(province);
  if (!name) return { served: false, reason: 'unknown_province', courier, couriers: [], sources: [], ruleIds: [] };
  const restriction = restrictionOf(profile, name);
  const offered = offeredCouriers(profile);
  const allowed = restriction ? restriction.onlyCouriers : offered;
  const refuse = (reason: Extract<DeliveryEstimate, { served: false }>['reason'], sources: Source[], wanted?: string): DeliveryEstimate => ({
    served: false,
    province: name,
    courier: wanted,
    reason,
    couriers: allowed,
    note: restriction?.note,
    sources,
    ruleIds: [],
  });
  if (restriction && allowed.length === 0) return refuse('not_served', [restriction.source]);

  let chosen: string;
  if (courier !== undefined) {
    const wanted = courierName(courier);
    const known = offered.find((c) => sameCourier(c, wanted));
    if (!known) {
      const refused = shipping.notOffered.findIndex((c) => sameCourier(c, wanted));
      return refused >= 0 ? refuse('courier_not_offered', [profileSource(`shipping.notOffered.${refused}`)], wanted) : refuse('courier_unknown', [profileSource('shipping')], wanted);
    }
    if (!allowed.some((c) => sameCourier(c, known))) return refuse('courier_not_to_area', [restriction!.source], known);
    chosen = known;
  } else {
    chosen = allowed.find((c) => sameCourier(c, shipping.defaultCourier)) ?? allowed[0]!;
  }

  const extraIndex = shipping.extraCouriers.findIndex((c) => sameCourier(c.name, chosen));
  const extra = extraIndex >= 0 ? shipping.extraCouriers[extraIndex] : undefined;
  const tableField = extra?.deliveryDays ? `shipping.extraCouriers.${extraIndex}.deliveryDays` : 'shipping.deliveryDays';
  const table = extra?.deliveryDays ?? shipping.deliveryDays;
  const row = table.byProvince.findIndex((r) => r.provinces.includes(name));
  const days = row >= 0 ? table.byProvince[row]! : table.default;
  const sources = [profileSource(row >= 0 ? `${tableField}.byProvince.${row}` : `${tableField}.default`)];
  if (extra) sources.push(profileSource(`shipping.extraCouriers.${extraIndex}.surchargeYuan`));
  if (restriction) sources.push(restriction.source);
  return {
    served: true,
    province: name,
    courier: chosen,
    isDefaultCourier: !extra,
    surcharge: extra ? yuanToFen(extra.surchargeYuan) : 0,
    days: { min: days.min, max: days.max },
    shipFrom: shipping.shipFrom,
    onlyCouriers: restriction?.onlyCouriers,
    note: restriction?.note,
    sources,
    // Estimates only: never promise a delivery date (R30).
    ruleIds: ['R30'],
  };
}

export type PostageAnswer =
  | {
      served: true;
      /** Undefined when no destination was given: the standard (not remote) rule. */
      province?: string;
      remote: boolean;
      postage: Fen;
      free: boolean;
      /** Goods subtotal from which postage is free; null: never free. */
      freeOver: Fen | null;
      /** How much more to spend for 包邮, when that is possible. */
      shortBy?: Fen;
      sources: Source[];
    }
  | { served: false; province?: string; reason: 'unknown_province' | 'not_served'; sources: Source[] };

/**
 * Postage for a goods subtotal (after discounts) sent to `province` (any name; undefined: an
 * area that is not remote). Courier surcharges are separate (`deliveryEstimate`).
 */
export function postage(profile: ShopProfile, subtotal: Fen, province?: string): PostageAnswer {
  const rules = profile.shipping.postage;
  let name: string | undefined;
  if (province !== undefined) {
    name = provinceName(province);
    if (!name) return { served: false, reason: 'unknown_province', sources: [] };
    const restriction = restrictionOf(profile, name);
    if (restriction && restriction.onlyCouriers.length === 0) return { served: false, province: name, reason: 'not_served', sources: [restriction.source] };
  }
  const remote = name !== undefined && rules.remote !== undefined && rules.remote.provinces.includes(name);
  const rule = remote ? rules.remote! : rules;
  const field = remote ? 'shipping.postage.remote' : 'shipping.postage';
  const freeOver = rule.freeOverYuan === null ? null : yuanToFen(rule.freeOverYuan);
  const free = freeOver !== null && subtotal >= freeOver;
  return {
    served: true,
    province: name,
    remote,
    postage: free ? 0 : yuanToFen(rule.standardYuan),
    free,
    freeOver,
    shortBy: !free && freeOver !== null ? freeOver - subtotal : undefined,
    sources: [profileSource(field)],
  };
}

export interface DispatchEstimate {
  /** Paid before the day's cut-off: shipped the same day. */
  sameDay: boolean;
  cutOff: string;
  /** The Shanghai day it is expected to leave the warehouse, "YYYY-MM-DD". */
  expectedShipDay: string;
  /** The shop's promise: shipped by this moment at the latest (payment + promiseHours). */
  promisedBy: Date;
  promiseHours: number;
  sources: Source[];
}

/** When an order paid at `paidAt` ships: same day before the cut-off, and at the latest by the promise. */
export function dispatchEstimate(profile: ShopProfile, paidAt: Date): DispatchEstimate {
  const { cutOff, promiseHours } = profile.shipping;
  const sameDay = shanghaiMinuteOfDay(paidAt) < parseClock(cutOff);
  return {
    sameDay,
    cutOff,
    expectedShipDay: shanghaiDate(sameDay ? paidAt : addHours(paidAt, 24)),
    promisedBy: addHours(paidAt, promiseHours),
    promiseHours,
    sources: [profileSource('shipping.cutOff'), profileSource('shipping.promiseHours')],
  };
}
