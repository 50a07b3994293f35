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
    const answer = await client.call('containers.list', { all: true });
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
    const { rows, failures } = await client.call('containers.list', { all: true });
    if (rows.length >= expected) return rows.length;
    if (Date.now() > deadline) {
      throw new Error(`Bosun lists ${rows.length} of ${expected} containers: ${JSON.stringify(failures)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
