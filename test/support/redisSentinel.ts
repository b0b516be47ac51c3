/**
 * A throwaway Sentinel setup for the scaling tests: a master, one replica and one sentinel
 * (`redis-server <conf> --sentinel`), password-protected, on free ports, in a temp dir that
 * `stop()` removes. Configured as docs/scaling.md advises: a master writes only while its replica
 * follows it (min-replicas-to-write 1), so a master being replaced refuses writes instead of
 * accepting ones the failover would discard. With `tls`, every server and the sentinel speak TLS
 * only (a certificate made with openssl).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { fieldOf, makeTestCertificate, serverArgs, spawnRedis, until, type Access, type RedisProcess } from './redisCluster.js';
import { freePort } from './redisServer.js';

export const MASTER_NAME = 'kefu-master';

export interface RedisSentinel {
  /** Kefu's environment for this setup. */
  env: Record<string, string>;
  /** The port of the server Sentinel currently names master. */
  masterPort(): Promise<number>;
  /** SENTINEL FAILOVER; resolves once the replica has become the master Sentinel names. */
  failover(): Promise<void>;
  stop(): Promise<void>;
}

async function asking<T>(server: RedisProcess, question: (client: Redis) => Promise<T>): Promise<T> {
  const client = server.client();
  client.on('error', () => undefined);
  try {
    return await question(client);
  } finally {
    client.disconnect();
  }
}

export async function startRedisSentinel(password: string, sentinelPassword: string, options: { tls?: boolean } = {}): Promise<RedisSentinel> {
  const root = await mkdtemp(join(tmpdir(), 'kefu-sentinel-'));
  const tls = options.tls ? await makeTestCertificate(root) : undefined;
  const access: Access = { password, tls };
  const started: RedisProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((p) => p.stop()));
    await rm(root, { recursive: true, force: true });
  };
  const server = async (name: string, extra: string[] = []) => {
    const port = await freePort();
    const dir = join(root, name);
    await mkdir(dir);
    const safeWrites = ['--min-replicas-to-write', '1', '--min-replicas-max-lag', '10'];
    const process = await spawnRedis(port, [...serverArgs(port, dir, access), ...safeWrites, ...extra], access);
    started.push(process);
    return process;
  };
  try {
    const master = await server('master');
    const replica = await server('replica', ['--replicaof', '127.0.0.1', String(master.port)]);
    const linkUp = () => asking(replica, async (c) => fieldOf(await c.info('replication'), 'master_link_status') === 'up');
    await until('the replica to sync with the master', linkUp);

    const sentinelPort = await freePort();
    const conf = join(root, 'sentinel.conf'); // Sentinel rewrites it: a file of its own
    await writeFile(
      conf,
      [
        ...(tls
          ? ['port 0', `tls-port ${sentinelPort}`, `tls-cert-file ${tls.certFile}`, `tls-key-file ${tls.keyFile}`, `tls-ca-cert-file ${tls.certFile}`]
          : [`port ${sentinelPort}`]),
        ...(tls ? ['tls-auth-clients no', 'tls-replication yes'] : []),
        'bind 127.0.0.1',
        `dir ${root}`,
        `requirepass ${sentinelPassword}`,
        `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${master.port} 1`,
        `sentinel auth-pass ${MASTER_NAME} ${password}`,
        `sentinel down-after-milliseconds ${MASTER_NAME} 2000`,
        `sentinel failover-timeout ${MASTER_NAME} 10000`,
        '',
      ].join('\n'),
    );
    const sentinel = await spawnRedis(sentinelPort, [conf, '--sentinel'], { password: sentinelPassword, tls });
    started.push(sentinel);
    const ask = (...args: string[]) => asking(sentinel, (c) => c.call('SENTINEL', ...args));
    // Promotable once the sentinel has the replica's own INFO, not just its name from the master's.
    const promotable = async () => {
      const [fields] = (await ask('REPLICAS', MASTER_NAME)) as string[][];
      const field = (name: string) => fields?.[fields.indexOf(name) + 1];
      return field('flags') === 'slave' && field('master-link-status') === 'ok' && field('role-reported') === 'slave';
    };
    await until('the sentinel to know the replica', promotable);

    const masterPort = async () => Number(((await ask('GET-MASTER-ADDR-BY-NAME', MASTER_NAME)) as string[])[1]);
    const byPort = new Map(started.map((p) => [p.port, p]));
    return {
      env: {
        REDIS_SENTINELS: `127.0.0.1:${sentinelPort}`,
        REDIS_SENTINEL_NAME: MASTER_NAME,
        REDIS_SENTINEL_PASSWORD: sentinelPassword,
        REDIS_PASSWORD: password,
        ...(tls && { REDIS_TLS: 'true', REDIS_TLS_CA_FILE: tls.certFile }),
      },
      masterPort,
      async failover() {
        const before = await masterPort();
        await ask('FAILOVER', MASTER_NAME);
        await until('the replica to be promoted', async () => {
          const now = await masterPort();
          return now !== before && (await asking(byPort.get(now)!, async (c) => fieldOf(await c.info('replication'), 'role') === 'master'));
        });
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
