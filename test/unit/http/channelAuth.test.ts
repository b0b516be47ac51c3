import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { channelAuth, type ChannelAuthMode } from '../../../bot/http/channelAuth.js';

/** Runs the middleware on a request from `remoteAddress` and says whether it passed, else the status. */
function attempt(mode: ChannelAuthMode, remoteAddress: string, authorization?: string): number | 'passed' {
  let status: number | undefined;
  const res = { locals: {}, status: (s: number) => ((status = s), res), json: () => res } as unknown as Response;
  const req = { socket: { remoteAddress }, get: (h: string) => (h.toLowerCase() === 'authorization' ? authorization : undefined) } as unknown as Request;
  let passed = false;
  channelAuth(mode)(req, res, () => {
    passed = true;
  });
  return passed ? 'passed' : status!;
}

describe('who may post to /api/messages', () => {
  it('without channel authentication: this machine only', () => {
    expect(attempt({ kind: 'localOnly' }, '127.0.0.1')).toBe('passed');
    expect(attempt({ kind: 'localOnly' }, '::ffff:127.0.0.1')).toBe('passed');
    expect(attempt({ kind: 'localOnly' }, '192.168.1.20')).toBe(403);
    expect(attempt({ kind: 'localOnly' }, '::ffff:203.0.113.9')).toBe(403);
  });

  it('with CHANNEL_SECRET: only callers that send it, from anywhere', () => {
    const mode: ChannelAuthMode = { kind: 'channelSecret', secret: 's'.repeat(40) };
    expect(attempt(mode, '203.0.113.9', `Bearer ${'s'.repeat(40)}`)).toBe('passed');
    expect(attempt(mode, '127.0.0.1')).toBe(401);
    expect(attempt(mode, '203.0.113.9', `Bearer ${'s'.repeat(39)}`)).toBe(401);
  });
});
