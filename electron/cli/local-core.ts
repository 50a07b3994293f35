import { createServices, type Core } from '../bootstrap';
import { connectInProcess } from '../rpc/in-process';
import { createNodePlatform } from '../server/platform-node';
import { contract, type Contract } from '../shared/contract';
import { createClient, type Client } from '../shared/rpc/client';
import { settleConnections } from './settle';

export interface LocalCore {
  readonly client: Client<Contract>;
  close(): Promise<void>;
}

/** The core's own deadline for a method, plus a moment to hear its TIMEOUT answer rather than guess. */
export function methodDeadline(method: string): number | undefined {
  const timeoutMs = (contract.methods as Record<string, { timeoutMs?: number }>)[method]?.timeoutMs;
  return timeoutMs === undefined ? undefined : timeoutMs + 5_000;
}

/**
 * The CLI's face: the same core as the app, reached through the in-process transport, so every
 * command goes through the contract and its validation like the UI does.
 */
export async function openLocalCore(options: { settleMs?: number } = {}): Promise<LocalCore> {
  const platform = createNodePlatform({ face: 'cli' });
  const core: Core = await createServices(platform, {
    onInternalError: (method, error) => console.error(`bosun: internal error in ${method}:`, error),
  });
  const client = createClient<Contract>(connectInProcess(core.host, 'cli'), {
    timeoutFor: methodDeadline,
  });
  await settleConnections(client, options.settleMs ?? 10_000);
  return {
    client,
    async close() {
      client.close();
      await core.dispose();
    },
  };
}

export { contract };
