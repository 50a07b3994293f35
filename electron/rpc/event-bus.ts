import type {
  ContractShape,
  EventDef,
  EventName,
  EventParsedParams,
  EventPayload,
} from '../shared/contract/define';
import type { Envelope } from '../shared/contract/frames';
import { AppError, toWireError } from '../shared/errors';
import { issuesToDetails } from './issues';

type Listener = (payload: unknown) => void;

/**
 * A service's say over who may subscribe to one of its topics: streams owned by one client (a
 * terminal's output) admit only that client. `admit` answers the AppError that refuses, or nothing;
 * `release` is told when an admitted subscription ends.
 */
export interface SubscriptionGuard<P = unknown> {
  admit(params: P, clientId: string): AppError | undefined;
  release?(params: P, clientId: string): void;
}
interface Subscriber {
  readonly params: unknown;
  readonly listener: Listener;
}

/** Topic → subscribers, with each subscriber's validated params used to filter what it receives. */
export class EventBus<C extends ContractShape> {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly guards = new Map<string, SubscriptionGuard>();

  constructor(private readonly contract: C) {}

  publish<K extends EventName<C>>(topic: K, payload: EventPayload<C, K>): void {
    const set = this.subscribers.get(topic);
    if (!set) return;
    const def = this.contract.events[topic] as EventDef;
    for (const subscriber of [...set]) {
      if (def.matches && !def.matches(subscriber.params, payload)) continue;
      try {
        subscriber.listener(payload);
      } catch {
        // One broken subscriber must not starve the others; its transport reports its own failures.
      }
    }
  }

  /** Puts a topic's subscriptions under a service's guard (one guard per topic). */
  guard<K extends EventName<C>>(topic: K, guard: SubscriptionGuard<EventParsedParams<C, K>>): void {
    this.guards.set(topic, guard as SubscriptionGuard);
  }

  /** Validates the topic and params; on success the value is the function that unsubscribes. */
  subscribe(topic: string, params: unknown, listener: Listener, clientId = ''): Envelope<() => void> {
    if (!Object.hasOwn(this.contract.events, topic)) {
      return fail(
        new AppError('INVALID_ARGUMENT', `There is no event called "${String(topic).slice(0, 128)}".`),
      );
    }
    const def = this.contract.events[topic] as EventDef;
    const parsed = def.params.safeParse(params);
    if (!parsed.success) {
      return fail(
        new AppError(
          'INVALID_ARGUMENT',
          `Invalid subscription to ${topic}: ${parsed.error.issues[0]?.message ?? ''}.`,
          {
            issues: issuesToDetails(parsed.error.issues),
          },
        ),
      );
    }
    const guard = this.guards.get(topic);
    const refusal = guard?.admit(parsed.data, clientId);
    if (refusal) return fail(refusal);
    const subscriber: Subscriber = { params: parsed.data, listener };
    let set = this.subscribers.get(topic);
    if (!set) this.subscribers.set(topic, (set = new Set()));
    set.add(subscriber);
    return {
      ok: true,
      value: () => {
        if (set.delete(subscriber)) guard?.release?.(parsed.data, clientId);
      },
    };
  }

  subscriberCount(topic: string): number {
    return this.subscribers.get(topic)?.size ?? 0;
  }
}

function fail(error: AppError): Envelope<never> {
  return { ok: false, error: toWireError(error) };
}
