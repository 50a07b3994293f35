import type { Contract } from '../shared/contract';
import type { Client } from '../shared/rpc/client';

/**
 * Connections are opened in the background; a one-shot command waits until every one of them has
 * either connected or said why it cannot (bounded), so `bosun ps` never reports a half-open world.
 */
export async function settleConnections(client: Client<Contract>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let wake: (() => void) | undefined;
  const subscription = client.subscribe('connections.changed', {}, () => wake?.());
  try {
    await subscription.ready;
    for (;;) {
      const connections = await client.call('connections.list', {});
      if (!connections.some((c) => c.status.state === 'connecting')) return;
      const left = deadline - Date.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    subscription.close();
  }
}
