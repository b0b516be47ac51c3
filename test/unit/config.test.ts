import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.js';

describe('configuration from the environment', () => {
  it('has working defaults: in-memory state, port 3978', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.REDIS_KEY_PREFIX).toBe('kefu:');
  });

  it('treats an empty REDIS_URL as unset', () => {
    expect(loadConfig({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, /PORT: .*\(got "abc"\)/],
    [{ PORT: '70000' }, /PORT/],
    [{ REDIS_URL: 'not a url' }, /REDIS_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ TURN_LOCK_TTL_MS: '-5' }, /TURN_LOCK_TTL_MS/],
    [{ REDIS_KEY_PREFIX: 'a b' }, /REDIS_KEY_PREFIX/],
  ])('rejects %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });

  it('listens on loopback by default', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
  });

  it('refuses to listen beyond this machine without channel authentication, saying how to fix it', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: .*anyone act as any buyer.*MicrosoftAppId.*CHANNEL_SECRET.*HOST=127\.0\.0\.1/s);
    expect(loadConfig({ HOST: '0.0.0.0', CHANNEL_SECRET: 'x'.repeat(32) }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }).HOST).toBe('0.0.0.0');
  });

  it('reads the serviceUrl allow-list and refuses a bad pattern by name', () => {
    expect(loadConfig({ ALLOWED_SERVICE_URLS: 'https://gw.example' }).ALLOWED_SERVICE_URLS).toHaveLength(1);
    expect(() => loadConfig({ ALLOWED_SERVICE_URLS: 'gw.example' })).toThrow(/ALLOWED_SERVICE_URLS/);
    expect(() => loadConfig({ CHANNEL_SECRET: 'short' })).toThrow(/CHANNEL_SECRET: use at least 32/);
  });
});
