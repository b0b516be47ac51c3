import type { OrderEvent } from './orderEvent.js';

export type OrderEventHandler = (event: OrderEvent) => void | Promise<void>;

/**
 * In-process publish/subscribe for accepted order events (proactive messages and the agent
 * console subscribe). A failing subscriber is reported to onError and does not affect others.
 */
export class OrderEventBus {
  private readonly handlers = new Set<OrderEventHandler>();

  constructor(private readonly onError: (err: unknown, event: OrderEvent) => void) {}

  subscribe(handler: OrderEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /**
   * Runs every subscriber and resolves when all are done (their durable work, such as
   * scheduling a reminder, is then in Redis): true if all succeeded.
   */
  async publish(event: OrderEvent): Promise<boolean> {
    const results = await Promise.allSettled([...this.handlers].map(async (handler) => handler(event)));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    failures.forEach((f) => this.onError(f.reason, event));
    return failures.length === 0;
  }
}
