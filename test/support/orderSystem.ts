/**
 * The demo order system over HTTP on its own port, misbehaving as a test says: answering after a
 * delay, or answering every request its own way (`fault`; unset: the demo orders).
 */
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import { DemoOrderApi, demoOrderRouter } from '../../bot/orders/demo/demoOrderApi.js';

export interface OrderSystem {
  url: string;
  delayMs: number;
  fault?: (req: Request, res: Response) => void;
  close(): Promise<void>;
}

export async function startOrderSystem(delayMs = 0): Promise<OrderSystem> {
  const app = express();
  const system = { delayMs } as OrderSystem;
  app.use((_req, _res, next) => void setTimeout(next, system.delayMs));
  app.use((req, res, next) => (system.fault ? system.fault(req, res) : next()));
  app.use(demoOrderRouter(new DemoOrderApi()));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  system.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  system.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return system;
}
