import { Dispatcher, type Handlers } from './rpc/dispatcher';
import { EventBus } from './rpc/event-bus';
import { RpcHost } from './rpc/router';
import type { Platform } from './services/platform';
import { contract, type Contract } from './shared/contract';
import pkg from '../package.json' with { type: 'json' };

export interface CoreOptions {
  /** Check every result against the contract (tests, development). */
  readonly validateOutput?: boolean;
  readonly onInternalError?: (method: string, error: unknown) => void;
}

export interface Core {
  readonly host: RpcHost<Contract>;
  readonly bus: EventBus<Contract>;
  dispose(): Promise<void>;
}

/** The composition root: Electron main, the web server and the CLI all build the core here. */
export async function createServices(platform: Platform, options: CoreOptions = {}): Promise<Core> {
  const bus = new EventBus(contract);
  const handlers: Handlers<Contract> = {
    'system.info': () => ({
      version: pkg.version,
      face: platform.face,
      platform: `${process.platform}-${process.arch}`,
      versions: { ...platform.versions },
    }),
  } as Handlers<Contract>;
  const dispatcher = new Dispatcher(contract, handlers, {
    ...(options.validateOutput !== undefined ? { validateOutput: options.validateOutput } : {}),
    onInternalError:
      options.onInternalError ?? ((method, error) => console.error(`bosun: internal error in ${method}:`, error)),
  });
  const host = new RpcHost(dispatcher, bus);
  return {
    host,
    bus,
    async dispose() {
      host.closeAll();
    },
  };
}
