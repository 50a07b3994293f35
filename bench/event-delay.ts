import type { Contract } from '../electron/shared/contract';
import type { Client } from '../electron/shared/rpc/client';
import type { RawEngine } from '../e2e/env/raw-engine';
import { BENCH_LABEL } from './fixture';
import { summarize, type Summary } from './stats';

const ROUNDS = 20;

/**
 * From the moment the engine's event reaches this process (a raw /events stream of our own) to the
 * moment a subscribed Bosun client has re-read the container and sees its new state.
 */
export async function measureEventDelay(
  engine: RawEngine,
  client: Client<Contract>,
  image: string,
): Promise<Summary> {
  const created = await engine.json<{ Id: string }>('POST', '/containers/create', {
    Image: image,
    Cmd: ['sleep', '3600'],
    Labels: { [BENCH_LABEL]: '1', 'io.bosun.test': '1' },
    HostConfig: { NetworkMode: 'none', Init: true },
  });
  const id = created.value.Id;
  await engine.json('POST', `/containers/${id}/start`);

  const engineSeen = new Map<string, number>();
  const stopEvents = engine.events({ container: [id] }, (event, at) => {
    const action = event.Action ?? event.status;
    if (action === 'pause' || action === 'unpause') engineSeen.set(action, at);
  });
  let clientSeen: ((state: string, at: number) => void) | undefined;
  const subscription = client.subscribe('containers.changed', {}, (payload) => {
    if (!payload.ids.some((changed) => id.startsWith(changed) || changed.startsWith(id))) return;
    void client
      .call('containers.list', { connectionIds: [payload.connectionId], ids: [id] })
      .then(({ rows }) => {
        const state = rows[0]?.state;
        if (state) clientSeen?.(state, performance.now());
      });
  });
  await subscription.ready;

  const delays: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const action = round % 2 === 0 ? 'pause' : 'unpause';
      const want = action === 'pause' ? 'paused' : 'running';
      const seen = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${want} seen by the client within 5 s`)), 5000);
        clientSeen = (state, at) => {
          if (state !== want) return;
          clearTimeout(timer);
          resolve(at);
        };
      });
      engineSeen.delete(action);
      await engine.json('POST', `/containers/${id}/${action}`);
      const clientAt = await seen;
      const engineAt = engineSeen.get(action);
      if (engineAt !== undefined) delays.push(clientAt - engineAt);
    }
  } finally {
    subscription.close();
    stopEvents();
    await engine.json('DELETE', `/containers/${id}?force=1`);
  }
  return summarize(delays);
}
