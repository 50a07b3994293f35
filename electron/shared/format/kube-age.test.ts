import { describe, expect, it } from 'vitest';
import { kubeAge } from './kube-age';

describe('kubeAge', () => {
  it('reads like kubectl at every scale', () => {
    const s = 1000;
    const m = 60 * s;
    const h = 60 * m;
    const d = 24 * h;
    expect(kubeAge(-5 * s)).toBe('0s');
    expect(kubeAge(45 * s)).toBe('45s');
    expect(kubeAge(119 * s)).toBe('119s');
    expect(kubeAge(3 * m + 20 * s)).toBe('3m20s');
    expect(kubeAge(5 * m)).toBe('5m');
    expect(kubeAge(42 * m)).toBe('42m');
    expect(kubeAge(2 * h + 59 * m)).toBe('179m');
    expect(kubeAge(5 * h + 10 * m)).toBe('5h10m');
    expect(kubeAge(20 * h)).toBe('20h');
    expect(kubeAge(3 * d + 4 * h)).toBe('3d4h');
    expect(kubeAge(120 * d)).toBe('120d');
    expect(kubeAge(800 * d)).toBe('2y');
  });
});
