import { EventEmitter } from 'node:events';
import type { OrderEvent } from './orderEvent.js';

export type OrderEventHandler = (event: OrderEvent) => void | Promise<void>;

/**
 * In-process publish/subscribe for accepted order events (proactive messages and the agent
 * console subscribe). A failing subscriber is reported to onError and does not affect others.
 */
export class OrderEventBus {
  private readonly emitter = new EventEmitter();

  constructor(private readonly onError: (err: unknown, event: OrderEvent) => void) {}

  subscribe(handler: OrderEventHandler): () => void {
    const listener = (event: OrderEvent) => {
      Promise.resolve()
        .then(() => handler(event))
        .catch((err) => this.onError(err, event));
    };
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  publish(event: OrderEvent): void {
    this.emitter.emit('event', event);
  }
}
