/**
 * The shop's agents and supervisors, each with a personal bearer token (AGENT_TOKENS). Tokens are
 * kept only as SHA-256 digests and compared by digest, so a lookup reveals nothing by its timing.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { bearerToken } from '../http/bearer.js';
import { sendError } from '../http/errors.js';

export const AGENT_ROLES = ['agent', 'supervisor'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export interface Agent {
  id: string;
  role: AgentRole;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** "alice:agent:<token>,bob:supervisor:<token>" → the agents; throws naming the bad entry. */
export function parseAgentTokens(spec: string): { agent: Agent; token: string }[] {
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, role, token, ...rest] = entry.split(':');
      if (!id || !/^[\w.-]{1,32}$/.test(id) || !AGENT_ROLES.includes(role as AgentRole) || !token || token.length < 16 || rest.length)
        throw new Error(`"${entry.replace(/:[^:]*$/, ':…')}" must be id:role:token with role agent or supervisor and a token of 16+ characters`);
      return { agent: { id, role: role as AgentRole }, token };
    });
}

/** Two agents with fresh random tokens, for a local run without AGENT_TOKENS. */
export function demoAgents(): { agent: Agent; token: string }[] {
  return [
    { agent: { id: 'agent1', role: 'agent' }, token: randomBytes(18).toString('base64url') },
    { agent: { id: 'lead1', role: 'supervisor' }, token: randomBytes(18).toString('base64url') },
  ];
}

export class AgentDirectory {
  private readonly byDigest: Map<string, Agent>;

  constructor(agents: { agent: Agent; token: string }[]) {
    this.byDigest = new Map(agents.map(({ agent, token }) => [digest(token), agent]));
  }

  byToken(token: string): Agent | undefined {
    return this.byDigest.get(digest(token));
  }

  /** Express middleware: `Authorization: Bearer <token>` of a known agent, else 401. */
  requireAgent() {
    return (req: Request, res: Response, next: NextFunction) => {
      const token = bearerToken(req.get('authorization'));
      const agent = token ? this.byToken(token) : undefined;
      if (!agent) return sendError(res, 401, 'unauthorised', 'sign in with your agent token (Authorization: Bearer …)');
      res.locals.agent = agent;
      next();
    };
  }
}

export const agentOf = (res: Response): Agent => res.locals.agent as Agent;
