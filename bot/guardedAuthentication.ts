/**
 * Bot Framework authentication as configured, with every connector client it creates guarded:
 * it sends only to an allowed serviceUrl (no server-side request forgery) and each request gives
 * up after a timeout (a channel that never answers cannot hold a turn or a lease). The SDK offers
 * no option for either, so the guard wraps the connector factory.
 */
import type { Activity } from 'botbuilder';
import {
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

export class ServiceUrlRefusedError extends Error {
  override name = 'ServiceUrlRefusedError';
}

interface PipelinePolicy {
  name: string;
  sendRequest(request: { timeout: number; url: string }, next: (request: unknown) => Promise<unknown>): Promise<unknown>;
}

/** The core-client pipeline inside the SDK's compat ConnectorClient (not in its typings). */
const pipelineOf = (client: ConnectorClient) => (client as unknown as { client: { pipeline: { addPolicy(p: PipelinePolicy): void } } }).client.pipeline;

class GuardedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly allowed: (serviceUrl: string) => boolean,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  async create(serviceUrl: string | undefined, audience?: string): Promise<ConnectorClient> {
    // expectReplies turns come without a serviceUrl: their replies travel in the HTTP response.
    const reachable = !!serviceUrl && this.allowed(serviceUrl);
    if (serviceUrl && !reachable) throw new ServiceUrlRefusedError(`serviceUrl ${serviceUrl} is not allowed (ALLOWED_SERVICE_URLS)`);
    const client = await this.inner.create(serviceUrl ?? 'http://127.0.0.1:9/', audience);
    const timeoutMs = this.timeoutMs;
    pipelineOf(client).addPolicy({
      name: 'kefuOutboundGuard',
      sendRequest(request, next) {
        if (!reachable) return Promise.reject(new ServiceUrlRefusedError('this conversation has no channel to send to outside its own request'));
        request.timeout = timeoutMs;
        return next(request);
      },
    });
    return client;
  }
}

export class GuardedAuthentication extends BotFrameworkAuthentication {
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly allowed: (serviceUrl: string) => boolean,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  private guard(factory: ConnectorFactory): ConnectorFactory {
    return new GuardedConnectorFactory(factory, this.allowed, this.timeoutMs);
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    return { ...result, connectorFactory: result.connectorFactory && this.guard(result.connectorFactory) };
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    return { ...result, connectorFactory: result.connectorFactory && this.guard(result.connectorFactory) };
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.guard(this.inner.createConnectorFactory(claimsIdentity));
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
}
