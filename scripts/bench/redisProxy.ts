/**
 * A TCP proxy between Kefu and Redis that sees what Kefu asks: it parses the commands Kefu sends
 * (RESP arrays) and counts round trips, per connection.
 *
 * A round trip is counted each time a connection sends after having received something since
 * its last send (or for the first time): commands sent together, or sent while the answer to
 * earlier ones is still awaited, ride one round trip (ioredis auto-pipelining writes the commands
 * of one tick at once); a command sent after an answer came back waited for it. Over sequential
 * turns this is the number of times a turn waited for Redis.
 */
import { createHash } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface SeenCommand {
  /** e.g. HMGET, or EVALSHA[GET DEL] for a script (the Redis commands the script calls). */
  name: string;
  /** The kind of key it names, e.g. `state (conversation)`, `lock`, `log`. */
  key: string;
  connection: number;
  /** Which round trip of the count it rode (1, 2, …; counted over all connections). */
  trip: number;
}

export interface ProxyCounts {
  commands: SeenCommand[];
  roundTrips: number;
  /** Round trips per connection id. */
  roundTripsBy: Map<number, number>;
}

/** Reads complete RESP arrays of bulk strings off a byte stream (what a client sends). */
class RequestParser {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): string[][] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const commands: string[][] = [];
    for (;;) {
      const parsed = this.parseOne();
      if (!parsed) break;
      commands.push(parsed.args);
      this.buffer = this.buffer.subarray(parsed.end);
    }
    return commands;
  }

  private line(from: number): { text: string; next: number } | undefined {
    const end = this.buffer.indexOf('\r\n', from);
    return end < 0 ? undefined : { text: this.buffer.toString('latin1', from, end), next: end + 2 };
  }

  private parseOne(): { args: string[]; end: number } | undefined {
    if (this.buffer.length === 0) return undefined;
    const header = this.line(0);
    if (!header) return undefined;
    if (!header.text.startsWith('*')) return { args: header.text.split(' '), end: header.next }; // inline command
    const count = Number(header.text.slice(1));
    const args: string[] = [];
    let at = header.next;
    for (let i = 0; i < count; i++) {
      const size = this.line(at);
      if (!size) return undefined;
      const length = Number(size.text.slice(1));
      if (size.next + length + 2 > this.buffer.length) return undefined;
      args.push(this.buffer.toString('utf8', size.next, size.next + length));
      at = size.next + length + 2;
    }
    return { args, end: at };
  }
}

/**
 * The kind of a Kefu key, from its first segment after the prefix: `kefu:state:{bench/users/x}` is
 * `state (buyer)`, `kefu:{handoffs}:of:…` is `handoffs`.
 */
export function keyKind(key: string, prefix: string): string {
  const name = key.startsWith(prefix) ? key.slice(prefix.length) : key;
  const kind = (name.split(':')[0] ?? name).replace(/^\{([^}]*)\}$/, '$1').split('{')[0]!;
  if (kind === 'state') return name.includes('/users/') ? 'state (buyer)' : 'state (conversation)';
  if (kind === 'ratelimit') return `ratelimit (${name.split(':')[1] ?? '?'})`;
  return kind;
}

export class CountingRedisProxy {
  private server?: Server;
  private nextConnection = 0;
  private readonly scripts = new Map<string, string>();
  private readonly sockets = new Set<Socket>();
  private counts: ProxyCounts = { commands: [], roundTrips: 0, roundTripsBy: new Map() };

  constructor(
    private readonly target: { host: string; port: number },
    /** Kefu's REDIS_KEY_PREFIX, stripped when naming key kinds. */
    private readonly prefix: string,
  ) {}

  async listen(): Promise<string> {
    this.server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (typeof address !== 'object' || !address) throw new Error('proxy has no port');
    return `redis://127.0.0.1:${address.port}`;
  }

  /** What was counted since the last take, and a fresh count from now on. */
  take(): ProxyCounts {
    const counts = this.counts;
    this.counts = { commands: [], roundTrips: 0, roundTripsBy: new Map() };
    return counts;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private relay(client: Socket): void {
    const id = this.nextConnection++;
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    const parser = new RequestParser();
    let answered = true;
    let trip: number | undefined;
    client.on('data', (chunk: Buffer) => {
      if (answered) {
        this.counts.roundTrips++;
        this.counts.roundTripsBy.set(id, (this.counts.roundTripsBy.get(id) ?? 0) + 1);
        answered = false;
        trip = this.counts.roundTrips;
      }
      for (const args of parser.push(chunk)) this.counts.commands.push({ ...this.describe(args), connection: id, trip: trip ?? this.counts.roundTrips });
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      answered = true;
      trip = undefined;
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }

  private keyKind(key: string | undefined): string {
    if (key === undefined) return '';
    return keyKind(key, this.prefix);
  }
  private describe(args: string[]): Pick<SeenCommand, 'name' | 'key'> {
    const name = (args[0] ?? '').toUpperCase();
    if (name === 'EVAL' || name === 'EVALSHA') {
      let body = args[1] ?? '';
      if (name === 'EVAL') this.scripts.set(createHash('sha1').update(body).digest('hex'), body);
      else body = this.scripts.get(body) ?? '';
      const calls = [...new Set([...body.matchAll(/redis\.call\(\s*['"](\w+)['"]/gi)].map((m) => m[1]!.toUpperCase()))];
      const numKeys = Number(args[2] ?? 0);
      return { name: `${name}[${calls.join(' ') || '?'}]`, key: this.keyKind(numKeys > 0 ? args[3] : undefined) };
    }
    if (name === 'SCRIPT' || name === 'CLIENT' || name === 'INFO' || name === 'SELECT' || name === 'PING') return { name: `${name} ${args[1] ?? ''}`.trim(), key: '' };
    if (name === 'PUBLISH' || name === 'SUBSCRIBE' || name === 'PSUBSCRIBE') return { name, key: args[1] ?? '' };
    return { name, key: this.keyKind(args[1]) };
  }
}
