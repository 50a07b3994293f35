import {
  contract,
  type Connection,
  type ContainerRow,
  type In,
  type Method,
  type Out,
  type Payload,
  type Topic,
} from '../../electron/shared/contract';
import { AppError } from '../../electron/shared/errors';
import type { Subscription } from '../../electron/shared/rpc/client';
import type { BosunClient } from '../api/client';
import { FakeTerminals } from './fake-terminals';

type Handler = (input: unknown) => unknown;

interface Subscriber {
  readonly params: unknown;
  readonly listener: (payload: unknown) => void;
  readonly onError: ((error: AppError) => void) | undefined;
}

function matchesId(rowId: string, wanted: string): boolean {
  return rowId.startsWith(wanted) || wanted.startsWith(rowId);
}

/**
 * An in-memory core behind the client interface: it answers the contract from plain arrays the test
 * edits, records every call, and delivers events on demand. Answers come on a later microtask and are
 * copies, as over a real transport.
 */
export class FakeCore {
  connections: Connection[] = [];
  rows: ContainerRow[] = [];
  /** Connections whose containers cannot be read: containers.list reports them as failures. */
  readonly failing = new Map<string, { code: string; message: string }>();
  readonly calls: Array<{ readonly method: Method; readonly input: unknown }> = [];
  /** The terminal sessions opened so far, and the helpers that play their output. */
  readonly terminals = new FakeTerminals((topic, payload) => this.emit(topic, payload));
  private readonly overrides = new Map<Method, Handler>();
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly closeListeners = new Set<(error: AppError) => void>();
  private closedWith: AppError | undefined;

  /** Answer `method` differently (throw an AppError to fail it, return a promise to hold it). */
  handle<K extends Method>(method: K, handler: (input: In<K>) => Out<K> | Promise<Out<K>>): void {
    this.overrides.set(method, handler as Handler);
  }

  callsOf<K extends Method>(method: K): Array<In<K>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.input as In<K>);
  }

  subscriberCount(topic: Topic): number {
    return this.subscribers.get(topic)?.size ?? 0;
  }

  /** Delivers to the subscribers whose params the payload matches (terminal output goes to its session only). */
  emit<K extends Topic>(topic: K, payload: Payload<K>): void {
    const matches = contract.events[topic].matches as
      ((params: unknown, payload: unknown) => boolean) | undefined;
    for (const subscriber of [...(this.subscribers.get(topic) ?? [])]) {
      if (matches && !matches(subscriber.params, payload)) continue;
      subscriber.listener(structuredClone(payload));
    }
  }

  /** Params of the live subscriptions to `topic`, oldest first. */
  subscriptionsOf<K extends Topic>(topic: K): unknown[] {
    return [...(this.subscribers.get(topic) ?? [])].map((s) => s.params);
  }

  /** The link drops: calls and subscriptions fail, close listeners hear about it. */
  drop(error = new AppError('UNAVAILABLE', 'The connection to the Bosun core was lost.')): void {
    this.closedWith = error;
    for (const subscribers of this.subscribers.values()) for (const s of subscribers) s.onError?.(error);
    this.subscribers.clear();
    for (const listener of this.closeListeners) listener(error);
  }

  client(): BosunClient {
    const callRaw = async (method: string, input: unknown): Promise<unknown> => {
      if (this.closedWith) throw this.closedWith;
      this.calls.push({ method: method as Method, input: structuredClone(input) });
      await Promise.resolve();
      const handler = this.overrides.get(method as Method) ?? this.defaults[method as Method];
      if (!handler) throw new AppError('NOT_FOUND', `The fake core does not implement ${method}.`);
      return structuredClone(await handler(input));
    };
    return {
      call: (method, input) => callRaw(method, input) as Promise<Out<typeof method>>,
      callRaw,
      subscribe: (topic, params, listener, onError): Subscription => {
        const subscriber: Subscriber = {
          params: structuredClone(params),
          listener: listener as (payload: unknown) => void,
          onError,
        };
        if (this.closedWith) return { ready: Promise.reject(this.closedWith), close: () => undefined };
        let set = this.subscribers.get(topic);
        if (!set) {
          set = new Set();
          this.subscribers.set(topic, set);
        }
        set.add(subscriber);
        return { ready: Promise.resolve(), close: () => this.subscribers.get(topic)?.delete(subscriber) };
      },
      onClose: (listener) => {
        this.closeListeners.add(listener);
        return () => this.closeListeners.delete(listener);
      },
      close: () => this.drop(new AppError('CANCELLED', 'The client was closed.')),
    };
  }

  private readonly defaults: Partial<Record<Method, Handler>> = {
    'system.info': () => ({ version: '0.0.0-test', face: 'web', platform: 'test', versions: {} }),
    'connections.list': () => this.connections,
    'connections.retry': (input) => {
      const { id } = input as In<'connections.retry'>;
      const connection = this.connections.find((c) => c.id === id);
      if (!connection) throw new AppError('NOT_FOUND', `No connection ${id}.`);
      return connection;
    },
    'connections.add': (input) => {
      const { name, endpoint, tls } = input as In<'connections.add'>;
      const connection: Connection = {
        id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        name,
        kind: 'docker',
        endpoint,
        source: 'user',
        current: false,
        tls: Boolean(tls),
        status: { state: 'connecting', since: Date.now(), retryable: true },
      };
      this.connections.push(connection);
      return connection;
    },
    'connections.rediscover': () => this.connections,
    'connections.remove': (input) => {
      const { id } = input as In<'connections.remove'>;
      const connection = this.connections.find((c) => c.id === id);
      if (!connection) throw new AppError('NOT_FOUND', `No connection ${id}.`);
      if (connection.source !== 'user') throw new AppError('CONFLICT', `${connection.name} was discovered.`);
      this.connections = this.connections.filter((c) => c.id !== id);
      return { id };
    },
    'containers.list': (input) => {
      const { connectionIds, ids } = input as In<'containers.list'>;
      const wanted = (connectionId: string): boolean =>
        !connectionIds || connectionIds.includes(connectionId);
      const failures = [...this.failing]
        .filter(([connectionId]) => wanted(connectionId))
        .map(([connectionId, f]) => ({ connectionId, ...f }));
      const rows = this.rows.filter(
        (row) =>
          wanted(row.connectionId) &&
          !this.failing.has(row.connectionId) &&
          (!ids || ids.some((id) => matchesId(row.id, id))),
      );
      return { rows, failures };
    },
    'terminal.open': (input) => this.terminals.open(input as In<'terminal.open'>),
    'terminal.input': (input) => this.terminals.input(input as In<'terminal.input'>),
    'terminal.resize': (input) => this.terminals.resize(input as In<'terminal.resize'>),
    'terminal.ack': (input) => this.terminals.ack(input as In<'terminal.ack'>),
    'terminal.close': (input) => this.terminals.close(input as In<'terminal.close'>),
    // Live stats: a watch is accepted; tests play samples with emit('stats.samples', …).
    'stats.watch': () => null,
    'stats.unwatch': () => null,
  };
}
