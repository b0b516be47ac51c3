/** What can go wrong reading orders; dialogs turn these into a polite reply and a handoff offer. */
export class OrderNotFoundError extends Error {
  override name = 'OrderNotFoundError';
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export type OrderServiceFailure = 'timeout' | 'unavailable' | 'malformed' | 'unauthorized';

export class OrderServiceError extends Error {
  override name = 'OrderServiceError';
  constructor(
    readonly failure: OrderServiceFailure,
    message: string,
  ) {
    super(message);
  }
}
