import type { RawEngine } from '../e2e/env/raw-engine';

export const BENCH_LABEL = 'io.bosun.bench';
const TEST_LABEL = 'io.bosun.test';

interface Listed {
  Id: string;
}

function labelFilter(): string {
  return encodeURIComponent(JSON.stringify({ label: [`${BENCH_LABEL}=1`] }));
}

/**
 * Makes sure `count` created (not started) benchmark containers exist. Creating is the slow part of a
 * run (about 5 a second on 2 cores), so they are kept between runs unless the caller removes them.
 */
export async function ensureContainers(
  engine: RawEngine,
  image: string,
  count: number,
  progress: (done: number, total: number) => void,
): Promise<void> {
  const existing = await engine.json<Listed[]>('GET', `/containers/json?all=1&filters=${labelFilter()}`);
  let missing = count - existing.value.length;
  const total = missing;
  let created = 0;
  const worker = async (): Promise<void> => {
    while (missing > 0) {
      missing--;
      const result = await engine.json<{ Id?: string; message?: string }>('POST', '/containers/create', {
        Image: image,
        Cmd: ['sleep', '3600'],
        Labels: { [BENCH_LABEL]: '1', [TEST_LABEL]: '1' },
        HostConfig: { NetworkMode: 'none' },
      });
      if (result.status !== 201)
        throw new Error(`container create failed: ${result.value.message ?? result.status}`);
      created++;
      if (created % 50 === 0 || created === total) progress(created, total);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

export async function removeContainers(engine: RawEngine): Promise<number> {
  const existing = await engine.json<Listed[]>('GET', `/containers/json?all=1&filters=${labelFilter()}`);
  let index = 0;
  const worker = async (): Promise<void> => {
    while (index < existing.value.length) {
      const container = existing.value[index++];
      if (container) await engine.json('DELETE', `/containers/${container.Id}?force=1&v=1`);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return existing.value.length;
}
