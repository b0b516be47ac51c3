/**
 * Agents against a running Kefu, for the handoff and agent tests: their tokens, an authenticated
 * API client, and the live event stream (/api/agent/events) read as the console reads it.
 */
import { vi } from 'vitest';
import type { RunningKefu } from '../support/kefu.js';

export const TOKENS = { alice: 'alice-token-0123456789', bob: 'bob-token-0123456789', lead: 'lead-token-0123456789' };
export const AGENT_TOKENS = `alice:agent:${TOKENS.alice},bob:agent:${TOKENS.bob},lead:supervisor:${TOKENS.lead}`;

export type AgentCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;

export const agentClient =
  (kefu: RunningKefu, token: string): AgentCall =>
  async (method, path, body) => {
    const res = await fetch(`${kefu.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

export interface AgentEvent {
  event: string;
  data: Record<string, unknown>;
}

export interface EventStream {
  /** Every event so far, in order. */
  received: AgentEvent[];
  /** The first event received that matches, waiting up to 5 s for it. */
  until(match: (e: AgentEvent) => boolean): Promise<AgentEvent>;
  close(): void;
}

/** Opens an agent's event stream; resolves once the server said `ready` (subscribed). */
export async function openEventStream(kefu: RunningKefu, token: string): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(`${kefu.url}/api/agent/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const received: AgentEvent[] = [];
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const chunk = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(chunk)?.[1];
        const data = /^data: (.*)$/m.exec(chunk)?.[1];
        if (event && data) received.push({ event, data: JSON.parse(data) as Record<string, unknown> });
      }
    }
  })().catch(() => {}); // aborted by close()
  const until = (match: (e: AgentEvent) => boolean) =>
    vi.waitFor(
      () => {
        const found = received.find(match);
        if (!found) throw new Error(`no matching event among ${received.map((e) => e.event).join(', ') || 'none'}`);
        return found;
      },
      { timeout: 5000, interval: 10 },
    );
  await until((e) => e.event === 'ready');
  return { received, until, close: () => controller.abort() };
}

/** Matches an `activity` event whose activity has this text. */
export const activityWithText =
  (text: string) =>
  ({ event, data }: AgentEvent): boolean =>
    event === 'activity' && (data.activity as { text?: string }).text === text;
