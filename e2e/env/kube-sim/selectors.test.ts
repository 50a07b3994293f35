import { describe, expect, it } from 'vitest';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import type { KubeObject } from './store';

const pod = (labels: Record<string, string>, phase: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'p',
    namespace: 'default',
    uid: 'u',
    resourceVersion: '1',
    creationTimestamp: '',
    labels,
  },
  spec: { nodeName: 'sim-node' },
  status: { phase },
});

describe('selectors', () => {
  it('parses equality and set-based label requirements', () => {
    const p = pod({ app: 'web', tier: 'front' }, 'Running');
    expect(parseLabelSelector('app=web,tier!=back')(p)).toBe(true);
    expect(parseLabelSelector('app in (web, api),!canary')(p)).toBe(true);
    expect(parseLabelSelector('tier notin (front)')(p)).toBe(false);
    expect(parseLabelSelector('missing')(p)).toBe(false);
    expect(() => parseLabelSelector('app===')).toThrow(/unable to parse/);
  });

  it('parses field selectors on the fields the kind supports', () => {
    const p = pod({}, 'Running');
    expect(parseFieldSelector('status.phase=Running,spec.nodeName==sim-node', 'Pod')(p)).toBe(true);
    expect(parseFieldSelector('metadata.name!=p', 'Pod')(p)).toBe(false);
    expect(() => parseFieldSelector('spec.image=x', 'Pod')).toThrow(/not a known field selector/);
  });
});
