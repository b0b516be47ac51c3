/**
 * For test files that start a Kefu (or two) per test beside one channel sink and the test Redis:
 * registers the hooks that stop each test's Kefus after it and close the sink and Redis at the end.
 */
import type { Activity } from 'botbuilder';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { KefuOverrides } from '../../bot/app.js';
import { unescapeText } from '../../templates/escape.js';
import { startChannelSink, type ChannelSink } from './channelSink.js';
import { startKefu, type RunningKefu } from './kefu.js';
import { testRedis } from './redis.js';

export function kefusWithSink() {
  const { redis, url } = testRedis();
  const running: RunningKefu[] = [];
  const servers = {
    redis,
    /** Ready once the file's tests run. */
    sink: undefined as unknown as ChannelSink,
    /** A Kefu on the test Redis, stopped after the test. */
    async start(env: Record<string, string>, overrides: KefuOverrides = {}): Promise<RunningKefu> {
      const kefu = await startKefu({ REDIS_URL: url, ...env }, overrides);
      running.push(kefu);
      return kefu;
    },
    /** Stops one before the test ends (a restart). */
    async stop(kefu: RunningKefu): Promise<void> {
      running.splice(running.indexOf(kefu), 1);
      await kefu.stop(200);
    },
  };
  beforeAll(async () => {
    servers.sink = await startChannelSink();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((k) => k.stop(500)));
  });
  afterAll(async () => {
    await servers.sink.close();
    await redis.quit();
  });
  return servers;
}

/** The text of the messages among activities, as a buyer reads them. */
export const textOf = (activities: Partial<Activity>[]) => activities.map((a) => unescapeText(a.text ?? '')).join('\n');
