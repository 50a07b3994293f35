import { describe, expect, it } from 'vitest';
import { makePod } from './kube-fixtures';
import { filterPods, nextPodSort, sortPods } from './pod-table';
import { podTone } from './pod-status';
import type { PodItem } from './pods-store';

const item = (overrides: Parameters<typeof makePod>[0]): PodItem => {
  const row = makePod(overrides);
  return { key: `${row.clusterId}/${row.uid}`, row };
};
const C = 'kube-c';
const items = [
  item({ name: 'web', clusterId: C, restarts: 2, podIP: '10.0.0.10', createdAt: 3 }),
  item({
    name: 'api',
    clusterId: C,
    namespace: 'shop',
    status: 'CrashLoopBackOff',
    podIP: '10.0.0.9',
    createdAt: 1,
  }),
  item({
    name: 'job',
    clusterId: C,
    status: 'Completed',
    phase: 'Succeeded',
    node: undefined,
    podIP: undefined,
    createdAt: 2,
  }),
];
const name = (id: string): string => id;
const order = (list: readonly PodItem[]): string[] => list.map((i) => i.row.name);

describe('pods table', () => {
  it('colours kubectl statuses', () => {
    expect(podTone(items[0]!.row)).toBe('ok');
    expect(podTone(items[1]!.row)).toBe('bad');
    expect(podTone(items[2]!.row)).toBe('done');
    expect(podTone(makePod({ name: 'p', clusterId: C, status: 'Init:0/1', phase: 'Pending' }))).toBe(
      'pending',
    );
    expect(podTone(makePod({ name: 't', clusterId: C, status: 'Terminating' }))).toBe('pending');
    expect(podTone(makePod({ name: 'r', clusterId: C, status: 'Running', ready: '0/1' }))).toBe('pending');
  });

  it('sorts by columns, IPs by number, age youngest first, missing values last', () => {
    expect(order(sortPods(items, { column: 'ip', direction: 'asc' }, name))).toEqual(['api', 'web', 'job']);
    expect(order(sortPods(items, { column: 'age', direction: 'asc' }, name))).toEqual(['web', 'job', 'api']);
    expect(order(sortPods(items, { column: 'restarts', direction: 'desc' }, name))[0]).toBe('web');
    expect(order(sortPods(items, { column: 'node', direction: 'desc' }, name)).at(-1)).toBe('job');
    expect(order(sortPods(items, { column: 'status', direction: 'asc' }, name))).toEqual([
      'web',
      'api',
      'job',
    ]);
    expect(nextPodSort({ column: 'name', direction: 'asc' }, 'name')).toEqual({
      column: 'name',
      direction: 'desc',
    });
  });

  it('filters by any column, and by ns:, status: and node: prefixes only on that field', () => {
    expect(order(filterPods(items, 'ns:shop'))).toEqual(['api']);
    expect(order(filterPods(items, 'status:crash'))).toEqual(['api']);
    expect(order(filterPods(items, 'shop'))).toEqual(['api']);
    expect(order(filterPods(items, 'node:node-1'))).toEqual(['web', 'api']);
    expect(order(filterPods(items, 'default  w'))).toEqual(['web']);
    expect(filterPods(items, '  ')).toBe(items);
  });
});
