/**
 * Conversation and buyer state hold references to the order system's records, never copies.
 *
 * Flows keep what they work on in their dialog state (a waterfall's values: the trade, the line,
 * the item with its SKUs, the parcel's tracking), and MainDialog copies a paused flow's stack.
 * Stored as they are, trades would put the receiver's name, mobile and address into Redis for the
 * state's TTL (7 days a conversation, 90 a buyer), beyond the order system's own access rules.
 * This storage writes each such record as a reference ({$ref, tid, oid, itemId}) and reads it
 * back fresh from the order system, so a flow sees the order as it is now and state stays small.
 * That is one order-system read per record per turn (through the response cache with ORDER_API_URL).
 *
 * A record the order system no longer has for this buyer ends the flows that were about it (the
 * buyer's next message starts afresh); the order system being down fails the turn, which leaves
 * the state as it was for the buyer's next try.
 */
import type { Storage, StoreItems } from 'botbuilder';
import type { Item, Logistics, OrderLine, Trade } from './contract.js';
import { OrderNotFoundError } from './errors.js';
import type { OrderApi } from './orderApi.js';

type Reference =
  | { $ref: 'trade'; tid: string; buyerId: string }
  | { $ref: 'line'; tid: string; buyerId: string; oid: string }
  | { $ref: 'item'; itemId: string }
  | { $ref: 'logistics'; tid: string };

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

const isTrade = (n: Node): n is Trade & Node => typeof n.tid === 'string' && typeof n.buyerId === 'string' && 'receiver' in n && Array.isArray(n.orders);
const isLine = (n: Node): n is OrderLine & Node => typeof n.oid === 'string' && typeof n.skuId === 'string' && 'skuProperties' in n;
const isItem = (n: Node): n is Item & Node => typeof n.itemId === 'string' && Array.isArray(n.skus);
const isLogistics = (n: Node): n is Logistics & Node => typeof n.tid === 'string' && typeof n.trackingNo === 'string' && Array.isArray(n.events);
const isReference = (n: Node): n is Reference & Node => typeof n.$ref === 'string';

function tradesIn(value: unknown, found: Trade[] = []): Trade[] {
  if (!isNode(value)) return found;
  if (isTrade(value)) found.push(value);
  else for (const child of Object.values(value)) tradesIn(child, found);
  return found;
}

/** A copy of `value` with every order record replaced by its reference. */
export function toReferences(value: unknown): unknown {
  // A line is named by its trade: whichever trade of the same state item has it.
  const tradeOfLine = new Map(tradesIn(value).flatMap((t) => t.orders.map((o) => [o.oid, t] as const)));
  const copy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(copy);
    // Left to JSON.stringify as they are: values that are not plain objects (a Date) serialise themselves.
    if (!isNode(node) || typeof node.toJSON === 'function') return node;
    if (isTrade(node)) return { $ref: 'trade', tid: node.tid, buyerId: node.buyerId } satisfies Reference;
    if (isLine(node) && tradeOfLine.has(node.oid)) {
      const { tid, buyerId } = tradeOfLine.get(node.oid)!;
      return { $ref: 'line', tid, buyerId, oid: node.oid } satisfies Reference;
    }
    if (isItem(node)) return { $ref: 'item', itemId: node.itemId } satisfies Reference;
    if (isLogistics(node)) return { $ref: 'logistics', tid: node.tid } satisfies Reference;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, copy(v)]));
  };
  return copy(value);
}

/** `value` with every reference replaced by the record the order system has now. */
export async function fromReferences(value: unknown, orders: OrderApi): Promise<unknown> {
  const fetched = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T | undefined>): Promise<T> => {
    if (!fetched.has(key))
      fetched.set(
        key,
        read().then((found) => {
          if (found === undefined) throw new OrderNotFoundError(key);
          return found;
        }),
      );
    return fetched.get(key) as Promise<T>;
  };
  const trade = (tid: string, buyerId: string) =>
    once(`trade ${tid}`, async () => {
      const found = await orders.trade(tid);
      return found?.buyerId === buyerId ? found : undefined;
    });
  const resolve = async (ref: Reference): Promise<unknown> => {
    switch (ref.$ref) {
      case 'trade':
        return trade(ref.tid, ref.buyerId);
      case 'line': {
        const line = (await trade(ref.tid, ref.buyerId)).orders.find((o) => o.oid === ref.oid);
        if (!line) throw new OrderNotFoundError(`line ${ref.oid} of trade ${ref.tid}`);
        return line;
      }
      case 'item':
        return once(`item ${ref.itemId}`, () => orders.item(ref.itemId));
      case 'logistics':
        return once(`logistics ${ref.tid}`, () => orders.logistics(ref.tid));
    }
  };
  const walk = async (node: unknown): Promise<unknown> => {
    if (Array.isArray(node)) return Promise.all(node.map(walk));
    if (!isNode(node)) return node;
    if (isReference(node)) return resolve(node);
    return Object.fromEntries(await Promise.all(Object.entries(node).map(async ([k, v]) => [k, await walk(v)])));
  };
  return walk(value);
}

/** A flow about a record that is gone cannot go on: its dialogs, and what they were asking, end. */
function withoutFlows(item: Node): Node {
  const { dialogState: _flows, ...rest } = item;
  const conversation = rest.conversation;
  if (isNode(conversation)) {
    const { paused: _paused, expecting: _expecting, wayBackOffered: _offered, ...kept } = conversation;
    rest.conversation = kept;
  }
  return rest;
}

/** botbuilder Storage that keeps order records as references (see above) in the storage it wraps. */
export class OrderReferencingStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly orders: OrderApi,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    const entries = await Promise.all(
      Object.entries(items).map(async ([key, item]) => {
        try {
          return [key, await fromReferences(item, this.orders)];
        } catch (err) {
          if (!(err instanceof OrderNotFoundError)) throw err;
          return [key, await fromReferences(withoutFlows(item as Node), this.orders)];
        }
      }),
    );
    return Object.fromEntries(entries);
  }

  write(changes: StoreItems): Promise<void> {
    return this.inner.write(Object.fromEntries(Object.entries(changes).map(([key, item]) => [key, toReferences(item)])));
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}
