/**
 * Throwaway Redis servers for the scaling tests: redis-server processes on free ports (never the
 * machine's Redis), each setup in a temp dir of its own that `stop()` removes. A three-master
 * Redis Cluster here; Sentinel in redisSentinel.ts.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis, type RedisOptions } from 'ioredis';
import { freePort } from './redisServer.js';

/** A self-signed certificate for 127.0.0.1: the servers' certificate and the clients' CA. */
export interface TestCertificate {
  certFile: string;
  keyFile: string;
  pem: Buffer;
}

/** Whether the openssl command line is here (a bare Debian with redis-server lacks it). */
export const haveOpenssl = () => spawnSync('openssl', ['version']).status === 0;

/** Made with the openssl command line. */
export async function makeTestCertificate(dir: string): Promise<TestCertificate> {
  const [certFile, keyFile] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile,
  ]);
  return { certFile, keyFile, pem: await readFile(certFile) };
}

/** How a client gets in: a password, and TLS with the test certificate. */
export interface Access {
  password?: string;
  tls?: TestCertificate;
}

const clientOptions = (port: number, { password, tls }: Access): RedisOptions => ({
  port,
  host: '127.0.0.1',
  password,
  tls: tls && { ca: tls.pem },
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
});

export interface RedisProcess {
  port: number;
  /** A plain client of this server alone (the caller closes it). */
  client(): Redis;
  /** Stops the server (SIGTERM: it exits at once, nothing to save). */
  stop(): Promise<void>;
  /** Starts it again with the same arguments (a cluster node keeps its identity: nodes.conf). */
  start(): Promise<void>;
}

/** Arguments of every server here: loopback, no persistence, files in `dir`; TLS only, when asked. */
export const serverArgs = (port: number, dir: string, { password, tls }: Access = {}) => [
  '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no',
  ...(password ? ['--requirepass', password, '--masterauth', password] : []),
  ...(tls
    ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.certFile]
    : ['--port', String(port)]),
  ...(tls ? ['--tls-auth-clients', 'no', '--tls-cluster', 'yes', '--tls-replication', 'yes'] : []),
];

async function answering(port: number, access: Access, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited with code ${child.exitCode}`);
    const client = new Redis({ ...clientOptions(port, access), lazyConnect: true });
    client.on('error', () => undefined); // expected while it starts
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer within 10 s: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      client.disconnect();
    }
  }
}

/** Runs `redis-server <args>` (a server or, with --sentinel, a sentinel) and waits until it answers. */
export async function spawnRedis(port: number, args: string[], access: Access = {}): Promise<RedisProcess> {
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    await answering(port, access, child);
  };
  await start();
  return {
    port,
    client: () => new Redis(clientOptions(port, access)),
    start,
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((r) => running.once('exit', r));
      running.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls `check` until it returns true (every 100 ms, at most `ms`), or throws naming `what`. */
export async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const fieldOf = (text: string, field: string) => new RegExp(`^${field}:(\\S+)`, 'm').exec(text)?.[1];

export interface RedisCluster {
  masters: RedisProcess[];
  /** Kefu's environment for this cluster. */
  env: Record<string, string>;
  /** Whether every running master says cluster_state:ok. */
  ok(): Promise<boolean>;
  stop(): Promise<void>;
}

const SLOTS = 16384;

/**
 * Three masters, slots split evenly, no replicas; nodes mark a silent peer failed after a second.
 * Built with CLUSTER ADDSLOTS and MEET (what `redis-cli --cluster create` does), so only
 * redis-server is needed. Each node's bus gets a free port of its own (not port + 10000).
 */
export async function startRedisCluster(options: { password?: string; tls?: boolean; masters?: number } = {}): Promise<RedisCluster> {
  const { password, masters: count = 3 } = options;
  const root = await mkdtemp(join(tmpdir(), 'kefu-cluster-'));
  const access: Access = { password, tls: options.tls ? await makeTestCertificate(root) : undefined };
  const masters: RedisProcess[] = [];
  const buses: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const [port, bus] = [await freePort(), await freePort()];
      const dir = await mkdtemp(join(root, `node-${port}-`));
      const clusterArgs = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(bus), '--cluster-node-timeout', '1000'];
      masters.push(await spawnRedis(port, [...serverArgs(port, dir, access), ...clusterArgs], access));
      buses.push(bus);
    }
    const clients = masters.map((m) => m.client());
    try {
      await Promise.all(
        clients.map(async (client, i) => {
          const [from, to] = [Math.floor((SLOTS * i) / count), Math.floor((SLOTS * (i + 1)) / count)];
          await client.cluster('SET-CONFIG-EPOCH', i + 1);
          await client.cluster('ADDSLOTS', ...Array.from({ length: to - from }, (_, k) => from + k));
        }),
      );
      for (let i = 1; i < count; i++) await clients[0]!.call('CLUSTER', 'MEET', '127.0.0.1', masters[i]!.port, buses[i]!);
    } finally {
      for (const client of clients) client.disconnect();
    }
  } catch (err) {
    await Promise.all(masters.map((m) => m.stop()));
    await rm(root, { recursive: true, force: true });
    throw err;
  }

  const ok = async () => {
    const states = await Promise.all(
      masters.map(async (m) => {
        const client = m.client();
        client.on('error', () => undefined);
        try {
          const text = (await client.cluster('INFO')) as string;
          return fieldOf(text, 'cluster_state') === 'ok' && fieldOf(text, 'cluster_known_nodes') === String(count);
        } finally {
          client.disconnect();
        }
      }),
    );
    return states.every(Boolean);
  };
  await until('the cluster to say cluster_state:ok on every node', ok);
  return {
    masters,
    env: {
      REDIS_CLUSTER_NODES: masters.map((m) => `127.0.0.1:${m.port}`).join(','),
      ...(password && { REDIS_PASSWORD: password }),
      ...(access.tls && { REDIS_TLS: 'true', REDIS_TLS_CA_FILE: access.tls.certFile }),
    },
    ok,
    async stop() {
      await Promise.all(masters.map((m) => m.stop()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
