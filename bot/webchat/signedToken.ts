/**
 * Compact signed tokens: base64url(JSON payload) "." base64url(HMAC-SHA256). Two purposes share
 * the shop's secret, each signed under its own purpose so one can never stand in for the other:
 *
 * - buyer: the shop page vouches for who the buyer is ({ buyerId, exp });
 * - conversation: Kefu's own Direct Line token for one conversation ({ buyerId, conversationId, exp }).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const BuyerClaims = z.object({ buyerId: z.string().min(1).max(64), exp: z.number().int() });
export type BuyerClaims = z.infer<typeof BuyerClaims>;
export const ConversationClaims = BuyerClaims.extend({ conversationId: z.string().min(1).max(128) });
export type ConversationClaims = z.infer<typeof ConversationClaims>;

type Purpose = 'buyer' | 'conversation';

const mac = (secret: string, purpose: Purpose, body: string) => createHmac('sha256', secret).update(`${purpose}.${body}`).digest('base64url');

export function signToken(secret: string, purpose: Purpose, claims: BuyerClaims | ConversationClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(secret, purpose, body)}`;
}

/** The claims of a well-signed, unexpired token; undefined for anything else. */
export function verifyToken<T extends z.ZodType>(secret: string, purpose: Purpose, schema: T, token: string, now: Date): z.infer<T> | undefined {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length) return undefined;
  const expected = Buffer.from(mac(secret, purpose, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const claims = schema.safeParse(json);
  if (!claims.success || (claims.data as BuyerClaims).exp * 1000 <= now.getTime()) return undefined;
  return claims.data;
}
