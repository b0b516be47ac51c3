/**
 * Kefu on a password-protected Redis Cluster that speaks TLS only (REDIS_TLS, REDIS_TLS_CA_FILE),
 * the nodes' certificate signed by a private CA. Needs the openssl command to make that
 * certificate; without it the file is skipped with one line saying so.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, startKefu, type RunningKefu } from '../support/kefu.js';
import { haveOpenssl, startRedisCluster, type RedisCluster } from '../support/redisCluster.js';

const tls = haveOpenssl();
if (!tls) process.stdout.write('openssl not found: skipping the Redis TLS test in test/scaling/clusterTls.test.ts\n');

describe.skipIf(!tls)('Kefu on a Redis Cluster over TLS', () => {
  let cluster: RedisCluster;
  const running: RunningKefu[] = [];
  beforeAll(async () => {
    cluster = await startRedisCluster({ password: 'cluster-password-for-tests', tls: true });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(running.map((k) => k.stop(500)));
    await cluster?.stop();
  });
  const start = async (env: Record<string, string>) => {
    const kefu = await startKefu({ ...env, FOLLOW_UP_WORKER: 'false' });
    running.push(kefu);
    return kefu;
  };

  it('is ready and holds a conversation when it trusts the private CA', async () => {
    const kefu = await start(cluster.env);
    expect((await fetch(`${kefu.url}/readyz`)).status).toBe(200);
    const id = `tls-${randomUUID()}`;
    for (const text of ['你好', '在吗', '你好']) expect(await say(kefu.url, id, text)).not.toHaveLength(0);
  });

  it('is not ready when it does not trust the nodes\' certificate', async () => {
    const { REDIS_TLS_CA_FILE: _trusted, ...withoutCa } = cluster.env;
    const kefu = await start(withoutCa);
    const res = await fetch(`${kefu.url}/readyz`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { reasons: string[] }).reasons).toEqual([expect.stringMatching(/^redis/)]);
  });
});
