import type {
  ContractShape,
  EventName,
  EventParams,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../contract/define';
import type { Envelope, ServerFrame } from '../contract/frames';
import { AppError, type WireError } from '../errors';
import type { FrameLink } from './link';

export interface CallOptions {
  /** Client-side limit; the core has its own per method. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface Subscription {
  /** Resolves when the core accepted the subscription; rejects with its AppError otherwise. */
  readonly ready: Promise<void>;
  close(): void;
}

export interface Client<C extends ContractShape> {
  call<K extends MethodName<C>>(
    method: K,
    input: MethodInput<C, K>,
    options?: CallOptions,
  ): Promise<MethodOutput<C, K>>;
  subscribe<K extends EventName<C>>(
    topic: K,
    params: EventParams<C, K>,
    listener: (payload: EventPayload<C, K>) => void,
    onError?: (error: AppError) => void,
  ): Subscription;
  /** Untyped access for boundary tests and generic tools: the core validates either way. */
  callRaw(method: string, params: unknown, options?: CallOptions): Promise<unknown>;
  onClose(listener: (error: AppError) => void): () => void;
  close(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: AppError): void;
}

interface LiveSubscription {
  listener(payload: unknown): void;
  onError?: (error: AppError) => void;
  ready: Pending;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** The one typed client of the contract, over any FrameLink. */
export function createClient<C extends ContractShape>(
  link: FrameLink,
  defaults: {
    timeoutMs?: number;
    /**
     * A method's own deadline, when the client knows the contract (the CLI does; the renderer keeps the
     * contract's values out of its first task). Without it, a call the core may run for ten minutes (a
     * prune) would be given up by the client after the default.
     */
    timeoutFor?: (method: string) => number | undefined;
  } = {},
): Client<C> {
  let nextId = 0;
  let closedWith: AppError | undefined;
  const pending = new Map<string, Pending>();
  const subscriptions = new Map<string, LiveSubscription>();
  const closeListeners = new Set<(error: AppError) => void>();

  const settle = (envelope: Envelope, target: Pending): void => {
    if (envelope.ok) target.resolve(envelope.value);
    else target.reject(AppError.fromWire(envelope.error));
  };

  const offFrame = link.onFrame((frame: ServerFrame) => {
    switch (frame.t) {
      case 'result': {
        const target = pending.get(frame.id);
        if (!target) return;
        pending.delete(frame.id);
        settle(frame.envelope, target);
        return;
      }
      case 'subscribed': {
        const sub = subscriptions.get(frame.id);
        if (!sub) return;
        settle(frame.envelope, sub.ready);
        if (!frame.envelope.ok) subscriptions.delete(frame.id);
        return;
      }
      case 'event':
        subscriptions.get(frame.id)?.listener(frame.payload);
        return;
      case 'closed': {
        const sub = subscriptions.get(frame.id);
        subscriptions.delete(frame.id);
        sub?.onError?.(AppError.fromWire(frame.error));
        return;
      }
    }
  });

  const offClose = link.onClose((reason: WireError) => {
    closedWith = AppError.fromWire(reason);
    for (const target of pending.values()) target.reject(closedWith);
    pending.clear();
    for (const sub of subscriptions.values()) {
      sub.ready.reject(closedWith);
      sub.onError?.(closedWith);
    }
    subscriptions.clear();
    for (const listener of closeListeners) listener(closedWith);
  });

  const callRaw = (method: string, params: unknown, options: CallOptions = {}): Promise<unknown> => {
    if (closedWith) return Promise.reject(closedWith);
    const id = `c${++nextId}`;
    const timeoutMs =
      options.timeoutMs ?? defaults.timeoutFor?.(method) ?? defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<unknown>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const abandon = (error: AppError): void => {
        if (!pending.delete(id)) return;
        cleanup();
        link.send({ t: 'cancel', id });
        reject(error);
      };
      const onAbort = (): void => abandon(new AppError('CANCELLED', `${method} was cancelled.`));
      const timer = setTimeout(
        () =>
          abandon(
            new AppError('TIMEOUT', `${method} got no answer within ${Math.round(timeoutMs / 1000)} s.`),
          ),
        timeoutMs,
      );
      pending.set(id, {
        resolve: (value) => {
          cleanup();
          resolve(value);
        },
        reject: (error) => {
          cleanup();
          reject(error);
        },
      });
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      link.send({ t: 'call', id, method, params });
    });
  };

  return {
    call: (method, input, options) =>
      callRaw(method, input, options) as Promise<MethodOutput<C, typeof method>>,
    callRaw,
    subscribe(topic, params, listener, onError) {
      const id = `s${++nextId}`;
      let ready!: Pending;
      const readyPromise = new Promise<void>((resolve, reject) => {
        ready = { resolve: () => resolve(), reject };
      });
      // A rejected `ready` that nobody awaits must not become an unhandled rejection.
      readyPromise.catch(() => undefined);
      if (closedWith) {
        ready.reject(closedWith);
      } else {
        subscriptions.set(id, {
          listener: listener as (payload: unknown) => void,
          ...(onError ? { onError } : {}),
          ready,
        });
        link.send({ t: 'sub', id, topic, params });
      }
      return {
        ready: readyPromise,
        close: () => {
          if (subscriptions.delete(id) && !closedWith) link.send({ t: 'unsub', id });
        },
      };
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      // Closing the link first lets its onClose settle pending calls and subscriptions; unhooking
      // first would leave every in-flight promise unsettled forever.
      link.close();
      offFrame();
      offClose();
    },
  };
}
