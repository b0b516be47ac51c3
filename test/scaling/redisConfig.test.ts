/** Choosing one Redis, a Sentinel-managed one or a Redis Cluster from the environment. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redisTarget } from '../../bot/config.js';

describe('Redis topology in the configuration', () => {
  it('reads a cluster from REDIS_CLUSTER_NODES, with its password and TLS', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001,[::1]:7002', REDIS_PASSWORD: 'secret', REDIS_TLS: 'true', REDIS_TLS_CA_FILE: '/etc/kefu/ca.pem' });
    expect(redisTarget(config)).toEqual({
      cluster: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      password: 'secret',
      tls: { caFile: '/etc/kefu/ca.pem' },
    });
  });

  it('reads Sentinel from REDIS_SENTINELS and REDIS_SENTINEL_NAME', () => {
    const config = loadConfig({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'kefu', REDIS_SENTINEL_PASSWORD: 'sp' });
    expect(redisTarget(config)).toEqual({
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      name: 'kefu',
      sentinelPassword: 'sp',
      password: undefined,
      tls: undefined,
    });
  });

  it('keeps REDIS_URL as it was, and in-process state without any', () => {
    expect(redisTarget(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/0' }))).toBe('redis://127.0.0.1:6379/0');
    expect(redisTarget(loadConfig({}))).toBeUndefined();
  });

  it.each([
    [{ REDIS_CLUSTER_NODES: '10.0.0.1' }, /REDIS_CLUSTER_NODES: expected host:port\[,host:port…\], got "10\.0\.0\.1"/],
    [{ REDIS_CLUSTER_NODES: 'a:1,b:99999' }, /REDIS_CLUSTER_NODES: .*got "b:99999"/],
    [{ REDIS_SENTINELS: 'a:26379' }, /REDIS_SENTINEL_NAME: required with REDIS_SENTINELS/],
    [{ REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_NODES: 'a:7000' }, /REDIS_CLUSTER_NODES: set only one of REDIS_URL, REDIS_CLUSTER_NODES and REDIS_SENTINELS/],
    [{ REDIS_CLUSTER_NODES: 'a:7000', REDIS_SENTINELS: 'a:26379', REDIS_SENTINEL_NAME: 'k' }, /REDIS_SENTINELS: set only one/],
    [{ REDIS_CLUSTER_NODES: 'a:7000', REDIS_SENTINEL_NAME: 'k' }, /REDIS_SENTINEL_NAME: only meaningful with REDIS_SENTINELS/],
    [{ REDIS_URL: 'redis://a:6379', REDIS_PASSWORD: 'x' }, /REDIS_PASSWORD: with REDIS_URL, put the password in the URL/],
    [{ REDIS_URL: 'redis://a:6379', REDIS_TLS: 'true' }, /REDIS_TLS: with REDIS_URL, use a rediss:\/\/ URL/],
    [{ REDIS_CLUSTER_NODES: 'a:7000', REDIS_TLS: 'yes' }, /REDIS_TLS: .*\(got "yes"\)/],
    [{ REDIS_CLUSTER_NODES: 'a:7000', REDIS_TLS_CA_FILE: '/ca.pem' }, /REDIS_TLS_CA_FILE: only meaningful with REDIS_TLS=true/],
  ])('rejects %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
