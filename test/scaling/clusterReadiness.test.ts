/**
 * /readyz on Redis Cluster says what a turn would meet: ready only when every master answers and
 * says cluster_state:ok and a keyed write goes through; 503 with the reason otherwise, while turns
 * are refused with 503 (never 500, never held), and ready again once the cluster is whole.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity, post, say, startKefu, type RunningKefu } from '../support/kefu.js';
import { startRedisCluster, until, type RedisCluster } from '../support/redisCluster.js';

let cluster: RedisCluster;
let kefu: RunningKefu;

beforeAll(async () => {
  cluster = await startRedisCluster();
  kefu = await startKefu({ ...cluster.env, FOLLOW_UP_WORKER: 'false' });
}, 60_000);
afterAll(async () => {
  await kefu?.stop(500);
  await cluster?.stop();
});

async function readiness(url = kefu.url): Promise<{ status: number; reasons: string[] }> {
  const res = await fetch(`${url}/readyz`);
  const body = (await res.json()) as { reasons?: string[] };
  return { status: res.status, reasons: body.reasons ?? [] };
}

/** Turns of conversations spread over every master's slots: all answered, or all refused with 503. */
async function turnStatuses(): Promise<number[]> {
  return Promise.all(Array.from({ length: 12 }, async (_, i) => (await post(kefu.url, messageActivity(`spread-${i}-${randomUUID()}`, '你好'))).status));
}

describe('/readyz on a Redis Cluster', () => {
  it('is not ready while a master is down, says the cluster is not ok, and recovers with it', async () => {
    expect(await readiness()).toEqual({ status: 200, reasons: [] });
    expect(await turnStatuses()).toEqual(Array(12).fill(200));

    await cluster.masters[1]!.stop();
    await until('/readyz to report cluster_state:fail', async () => {
      const { status, reasons } = await readiness();
      return status === 503 && reasons.some((r) => r.startsWith('redis cluster not ok: cluster_state:fail'));
    });
    expect(await turnStatuses()).toEqual(Array(12).fill(503));

    await cluster.masters[1]!.start();
    await until('the cluster to be whole again', () => cluster.ok());
    await until('/readyz to say ready', async () => (await readiness()).status === 200);
    expect(await say(kefu.url, `after-${randomUUID()}`, '你好')).not.toHaveLength(0);
  });

  it('is not ready for a Kefu given one cluster node as REDIS_URL, whose turns would meet MOVED', async () => {
    const misconfigured = await startKefu({ REDIS_URL: `redis://127.0.0.1:${cluster.masters[0]!.port}`, FOLLOW_UP_WORKER: 'false' });
    try {
      expect(await readiness(misconfigured.url)).toEqual({
        status: 503,
        reasons: ['redis is a Redis Cluster node: list the cluster in REDIS_CLUSTER_NODES instead of REDIS_URL'],
      });
    } finally {
      await misconfigured.stop(500);
    }
  });

  it('is not ready when the whole cluster is down', async () => {
    await Promise.all(cluster.masters.map((m) => m.stop()));
    await until('/readyz to say the cluster is unreachable', async () => {
      const { status, reasons } = await readiness();
      return status === 503 && reasons.some((r) => r.startsWith('redis'));
    });
    expect(await turnStatuses()).toEqual(Array(12).fill(503));
  });
});
