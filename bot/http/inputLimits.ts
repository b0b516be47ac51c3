/**
 * Limits on what comes in from outside, shared by every path a buyer's message takes
 * (/api/messages and the web chat's Direct Line endpoint), so a message accepted on one is
 * accepted on the other.
 */
import { z } from 'zod';

/** A message's length as a buyer counts it: characters (code points), not UTF-16 units or bytes. */
export const characterCount = (text: string): number => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};

/** Structured fields a channel may attach (channelData, value, entities): small and shallow. */
export const FREE_FORM = { maxDepth: 8, maxBytes: 8 * 1024 };

/** Depth of nested objects and arrays, counted without recursion (a deep value cannot overflow the stack here). */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Any JSON value, but at most FREE_FORM deep and large. */
export const boundedJson = z.unknown().superRefine((value, ctx) => {
  if (jsonDepth(value) > FREE_FORM.maxDepth) ctx.addIssue({ code: 'custom', message: `nested deeper than ${FREE_FORM.maxDepth} levels` });
  else if (Buffer.byteLength(JSON.stringify(value) ?? '') > FREE_FORM.maxBytes)
    ctx.addIssue({ code: 'custom', message: `larger than ${FREE_FORM.maxBytes} bytes` });
});

/** The message text rule: at most `max` characters. Issues say "too_big" so callers answer 413. */
export const messageText = (max: number) =>
  z.string().superRefine((text, ctx) => {
    if (characterCount(text) > max) ctx.addIssue({ code: 'too_big', maximum: max, origin: 'string', inclusive: true, message: `text is longer than ${max} characters` });
  });

export const locale = z.string().max(16).regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as zh-CN');
