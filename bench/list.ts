import { ONLY_TEST_ENGINE } from './scope';
import type { Contract } from '../electron/shared/contract';
import type { Client } from '../electron/shared/rpc/client';
import type { RawEngine } from '../e2e/env/raw-engine';
import { summarize, type Summary } from './stats';

const WARMUP = 5;
const ROUNDS = 40;

/**
 * The full list through Bosun's WebSocket transport (decoded by the client) against the raw Engine API
 * call (decoded too), interleaved so both see the same machine load.
 */
export async function measureList(
  engine: RawEngine,
  client: Client<Contract>,
  expected: number,
): Promise<{ rows: number; raw: Summary; bosun: Summary }> {
  let rows = await waitForRows(client, expected);
  const raw: number[] = [];
  const bosun: number[] = [];
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    let started = performance.now();
    await engine.json('GET', '/containers/json?all=1');
    const rawMs = performance.now() - started;
    started = performance.now();
    const answer = await client.call('containers.list', ONLY_TEST_ENGINE);
    const bosunMs = performance.now() - started;
    rows = answer.rows.length;
    if (round >= WARMUP) {
      raw.push(rawMs);
      bosun.push(bosunMs);
    }
  }
  return { rows, raw: summarize(raw), bosun: summarize(bosun) };
}

async function waitForRows(client: Client<Contract>, expected: number): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows, failures } = await client.call('containers.list', ONLY_TEST_ENGINE);
    if (rows.length >= expected) return rows.length;
    if (Date.now() > deadline) {
      throw new Error(`Bosun lists ${rows.length} of ${expected} containers: ${JSON.stringify(failures)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * What the WebSocket transport itself costs: the same cached answer fetched in-process and over the
 * socket, interleaved. The list target is about this path, so it is reported beside the raw ratio.
 */
export async function measureTransport(
  inProcess: Client<Contract>,
  webSocket: Client<Contract>,
): Promise<{ inProcess: Summary; webSocket: Summary }> {
  const local: number[] = [];
  const remote: number[] = [];
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    let started = performance.now();
    await inProcess.call('containers.list', ONLY_TEST_ENGINE);
    const localMs = performance.now() - started;
    started = performance.now();
    await webSocket.call('containers.list', ONLY_TEST_ENGINE);
    const remoteMs = performance.now() - started;
    if (round >= WARMUP) {
      local.push(localMs);
      remote.push(remoteMs);
    }
  }
  return { inProcess: summarize(local), webSocket: summarize(remote) };
}
