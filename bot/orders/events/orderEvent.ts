/** What the shop's order system tells Kefu through POST /api/order-events. */
import { z } from 'zod';
import { REFUND_STATUSES } from '../../../knowledge/policy/orderFacts.js';

export const ORDER_EVENT_TYPES = [
  'trade.created',
  'trade.paid',
  'trade.shipped',
  'trade.signed',
  'trade.finished',
  'trade.closed',
  'refund.changed',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export const OrderEvent = z.object({
  id: z.string().min(1).max(128).describe('unique per event; a repeated id is a replay'),
  type: z.enum(ORDER_EVENT_TYPES),
  occurredAt: z.iso.datetime({ offset: true }),
  tid: z.string().regex(/^\d{6,20}$/),
  buyerId: z.string().min(1).max(64),
  refund: z.object({ refundId: z.string().min(1), status: z.enum(REFUND_STATUSES) }).optional().describe('with refund.changed'),
});
export type OrderEvent = z.infer<typeof OrderEvent>;
