import { AppError } from '../../shared/errors';
import { Dispatcher, type Handlers } from '../dispatcher';
import { EventBus } from '../event-bus';
import { RpcHost } from '../router';
import { BOOM_SECRET, testContract, type TestContract } from './test-contract';

export interface AbortRecord {
  readonly method: string;
  readonly clientId: string;
  readonly reason: unknown;
}

/** A core over the test contract that records what its handlers saw. */
export interface TestCore {
  readonly host: RpcHost<TestContract>;
  readonly bus: EventBus<TestContract>;
  /** Method names in the order handlers started. */
  readonly started: string[];
  readonly aborts: AbortRecord[];
  readonly closedClients: string[];
  readonly internalErrors: unknown[];
  dispose(): Promise<void>;
}

function waitOrAbort(ms: number, signal: AbortSignal, onAbort: (reason: unknown) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = (): void => {
      clearTimeout(timer);
      onAbort(signal.reason);
      reject(signal.reason);
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
  });
}

export function createTestCore(): TestCore {
  const started: string[] = [];
  const aborts: AbortRecord[] = [];
  const closedClients: string[] = [];
  const internalErrors: unknown[] = [];
  const record = (method: string, clientId: string) => (reason: unknown) =>
    aborts.push({ method, clientId, reason });

  let chunks = 0;
  const handlers: Handlers<TestContract> = {
    'test.echo': (input) => {
      started.push('test.echo');
      return input;
    },
    'test.slow': async ({ ms }, ctx) => {
      started.push('test.slow');
      await waitOrAbort(ms, ctx.signal, record('test.slow', ctx.clientId));
      return { waited: ms };
    },
    'test.fail': ({ code, message }) => {
      started.push('test.fail');
      throw new AppError(code, message);
    },
    'test.boom': () => {
      started.push('test.boom');
      throw new Error(BOOM_SECRET);
    },
    'test.bytes': ({ data }) => {
      started.push('test.bytes');
      bus.publish('test.chunks', { seq: ++chunks, data });
      return { length: data.byteLength };
    },
    'test.hang': async (_input, ctx) => {
      started.push('test.hang');
      await waitOrAbort(3_600_000, ctx.signal, record('test.hang', ctx.clientId));
      return null;
    },
  };

  const bus = new EventBus(testContract);
  const dispatcher = new Dispatcher(testContract, handlers, {
    validateOutput: true,
    onInternalError: (_method, error) => internalErrors.push(error),
  });
  const host = new RpcHost(dispatcher, bus);
  host.onClientClosed((clientId) => closedClients.push(clientId));
  return {
    host,
    bus,
    started,
    aborts,
    closedClients,
    internalErrors,
    async dispose() {
      host.closeAll();
    },
  };
}
