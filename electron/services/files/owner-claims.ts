import { AppError } from '../../shared/errors';

/** What the event bus asks before and after a subscription (its SubscriptionGuard, structurally). */
export interface ClaimGuard<P> {
  admit(params: P, clientId: string): AppError | undefined;
  release(params: P, clientId: string): void;
}

/**
 * Who owns a client-chosen session id, claimed by subscribing to its event before opening it (so no
 * byte is missed): the first subscriber claims an unused id; any other client is answered as if the
 * id did not exist (ids are not for probing). `owner` lets the service add the ids it already holds.
 */
export class OwnerClaims {
  private readonly claims = new Map<string, { clientId: string; subscriptions: number }>();

  constructor(
    private readonly owner: (id: string) => string | undefined,
    private readonly notFound: string,
  ) {}

  /** The event bus guard of the session's topic. */
  guard<P>(idOf: (params: P) => string): ClaimGuard<P> {
    return {
      admit: (params, clientId) => {
        const id = idOf(params);
        const owner = this.owner(id) ?? this.claims.get(id)?.clientId;
        if (owner !== undefined && owner !== clientId) return new AppError('NOT_FOUND', this.notFound);
        const claim = this.claims.get(id);
        if (claim) claim.subscriptions++;
        else this.claims.set(id, { clientId, subscriptions: 1 });
        return undefined;
      },
      release: (params) => {
        const id = idOf(params);
        const claim = this.claims.get(id);
        if (claim && --claim.subscriptions <= 0) this.claims.delete(id);
      },
    };
  }

  /** Whether `clientId` subscribed to `id` (and so may open it). */
  claimedBy(id: string, clientId: string): boolean {
    return this.claims.get(id)?.clientId === clientId;
  }
}
