/**
 * Where the bot may send activities. A channel names its serviceUrl in every activity, and the
 * connector POSTs the bot's replies there: unchecked, anybody could make Kefu call any address
 * (server-side request forgery). Patterns are `scheme://host[:port]`; the host may begin with
 * `*.` (any subdomain), the port may be `*` (any); no port means the scheme's default.
 */
import { isIP } from 'node:net';

export interface ServiceUrlPattern {
  protocol: 'http:' | 'https:';
  /** Exact host, or the suffix after `*.` when `anySubdomain`. */
  host: string;
  anySubdomain: boolean;
  /** '' for the scheme's default port, '*' for any. */
  port: string;
}

const PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?\/?$/i;

export function parseServiceUrlPatterns(spec: string): ServiceUrlPattern[] {
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = PATTERN.exec(entry);
      if (!match) throw new Error(`"${entry}" must look like https://host, https://*.example.com or http://127.0.0.1:*`);
      const [, scheme, wildcard, host, port] = match;
      return { protocol: `${scheme!.toLowerCase()}:` as ServiceUrlPattern['protocol'], host: host!.toLowerCase(), anySubdomain: !!wildcard, port: port ?? '' };
    });
}

/** Loopback only: the unauthenticated development set-up talks to channels on this machine. */
export const LOOPBACK_SERVICE_URLS = parseServiceUrlPatterns('http://127.0.0.1:*,http://localhost:*,http://[::1]:*');

/** The hosts Azure Bot Service channels call from (public and US government clouds). */
export const BOT_FRAMEWORK_SERVICE_URLS = parseServiceUrlPatterns(
  'https://*.botframework.com,https://smba.trafficmanager.net,https://*.botframework.azure.us,https://*.botframework.us',
);

export function serviceUrlAllowed(serviceUrl: string, patterns: ServiceUrlPattern[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return patterns.some(
    (p) =>
      p.protocol === url.protocol &&
      (p.anySubdomain ? host.endsWith(`.${p.host}`) : host === p.host) &&
      (p.port === '*' || p.port === url.port),
  );
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}

/** A socket's remote address is this machine (IPv4, IPv6, or IPv4-mapped IPv6). */
export function isLoopbackAddress(address: string | undefined): boolean {
  return !!address && isLoopbackHost(address.replace(/^::ffff:/, ''));
}
