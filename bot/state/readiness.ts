/**
 * What /readyz asks of Redis: a round trip like a turn's, not just a PING. A node that answers
 * PING may still refuse every turn: a Redis Cluster node asked for keys it does not serve
 * (MOVED), a cluster missing a master (CLUSTERDOWN), a demoted master after a Sentinel failover
 * (READONLY). So readiness writes a hash-tagged probe key through the same client the turns use
 * and, on a cluster, asks every master whether the cluster is ok.
 */
import { Cluster } from 'ioredis';
import type { RedisConnection } from './redisClient.js';
import { taggedKey } from './redisKeys.js';
import { within } from './within.js';

const PROBE_TTL_MS = 10_000;

/**
 * Each master's own view: `cluster_state:ok` only when every slot is served. A master that says
 * otherwise is reported before one that does not answer (its view explains the outage).
 */
async function clusterStateProblem(cluster: Cluster): Promise<string | undefined> {
  const masters = cluster.nodes('master');
  if (masters.length === 0) return 'redis cluster: no master reachable';
  const views = await Promise.allSettled(masters.map(async (node) => /cluster_state:(\w+)/.exec((await node.cluster('INFO')) as string)?.[1]));
  const nodeName = (i: number) => `${masters[i]!.options.host}:${masters[i]!.options.port}`;
  const notOk = views.findIndex((v) => v.status === 'fulfilled' && v.value !== 'ok');
  if (notOk >= 0) return `redis cluster not ok: cluster_state:${(views[notOk] as PromiseFulfilledResult<string>).value} at ${nodeName(notOk)}`;
  const silent = views.findIndex((v) => v.status === 'rejected');
  if (silent >= 0) return `redis cluster node ${nodeName(silent)} unreachable: ${((views[silent] as PromiseRejectedResult).reason as Error).message}`;
  return undefined;
}

/** Why Redis cannot serve a turn right now, or undefined when it can. */
export async function redisProblem(redis: RedisConnection, probeKey: string, timeoutMs = 1000): Promise<string | undefined> {
  try {
    return await within(
      (async () => {
        if (redis instanceof Cluster) {
          const problem = await clusterStateProblem(redis);
          if (problem) return problem;
        } else if (/^cluster_enabled:1/m.test(await redis.info('cluster'))) {
          // Some keys would work, the rest answer MOVED: not ready, whatever the probe key says.
          return 'redis is a Redis Cluster node: list the cluster in REDIS_CLUSTER_NODES instead of REDIS_URL';
        }
        await redis.set(probeKey, String(Date.now()), 'PX', PROBE_TTL_MS);
        return undefined;
      })(),
      timeoutMs,
      () => new Error(`no answer within ${timeoutMs} ms`),
    );
  } catch (err) {
    const { name, message } = err as Error;
    // A reply (NOREPLICAS, READONLY, CLUSTERDOWN…) means Redis answered but refused the write.
    return name === 'ReplyError' ? `redis refuses writes: ${message}` : `redis unreachable: ${message}`;
  }
}

/** Hash-tagged like every Kefu key, so it names one slot on a cluster. */
export const readinessProbeKey = (prefix: string) => taggedKey(prefix, 'readyz', 'probe');
