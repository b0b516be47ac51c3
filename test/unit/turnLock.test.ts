import { describe, expect, it } from 'vitest';
import { LocalTurnLock, TurnLockTimeoutError } from '../../bot/state/turnLock.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one turn at a time per conversation, in one process', () => {
  it('a turn behind one that hangs gives up after the wait limit instead of waiting forever', async () => {
    const lock = new LocalTurnLock(100);
    void lock.runExclusive('c', () => new Promise(() => {}));
    await expect(lock.runExclusive('c', async () => 'ran')).rejects.toBeInstanceOf(TurnLockTimeoutError);
  });

  it('turns behind one that gave up still wait for the turn ahead: never two at once', async () => {
    // The second gives up at 400 ms while the first runs until 600 ms; the third arrives at 450 ms
    // and may wait until 850 ms, so it must run after the first, never beside it.
    const lock = new LocalTurnLock(400);
    const running: string[] = [];
    let overlap = false;
    const turn = (name: string, ms: number) => async () => {
      if (running.length) overlap = true;
      running.push(name);
      await sleep(ms);
      running.pop();
      return name;
    };
    const outcome = (p: Promise<string>) => p.catch((err: unknown) => err);
    const first = outcome(lock.runExclusive('c', turn('first', 600)));
    const second = outcome(lock.runExclusive('c', turn('second', 1)));
    await sleep(450);
    const third = outcome(lock.runExclusive('c', turn('third', 1)));
    expect(await second).toBeInstanceOf(TurnLockTimeoutError);
    expect(await first).toBe('first');
    expect(await third).toBe('third');
    expect(overlap).toBe(false);
  });

  it('other conversations are not held up', async () => {
    const lock = new LocalTurnLock(1000);
    void lock.runExclusive('busy', () => sleep(3000));
    const started = Date.now();
    await lock.runExclusive('other', async () => undefined);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
