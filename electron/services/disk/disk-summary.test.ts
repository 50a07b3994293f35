import { describe, expect, it } from 'vitest';
import { summarizeDiskUsage } from './disk-summary';

describe('summarizeDiskUsage', () => {
  it('counts like docker system df', () => {
    const usage = summarizeDiskUsage({
      LayersSize: 1000,
      Images: [
        { Size: 600, SharedSize: 100, Containers: 1 },
        { Size: 400, SharedSize: 100, Containers: 0 },
      ],
      Containers: [
        { SizeRw: 10, State: 'running' },
        { SizeRw: 30, State: 'exited' },
      ],
      Volumes: [{ UsageData: { Size: 50, RefCount: 1 } }, { UsageData: { Size: 70, RefCount: 0 } }],
      BuildCache: [
        { Size: 5, InUse: true },
        { Size: 7, InUse: false },
        { Size: 100, Shared: true },
      ],
    });
    expect(usage).toEqual({
      images: { count: 2, active: 1, size: 1000, reclaimable: 500 },
      containers: { count: 2, active: 1, size: 40, reclaimable: 30 },
      volumes: { count: 2, active: 1, size: 120, reclaimable: 70 },
      buildCache: { count: 3, active: 1, size: 12, reclaimable: 7 },
    });
  });

  it('says unknown instead of a smaller total when a volume size is not reported', () => {
    const usage = summarizeDiskUsage({
      Volumes: [{ UsageData: { Size: -1, RefCount: 0 } }, { UsageData: { Size: 5, RefCount: 1 } }],
    });
    expect(usage.volumes).toEqual({ count: 2, active: 1, size: null, reclaimable: null });
    expect(summarizeDiskUsage({}).images).toEqual({ count: 0, active: 0, size: 0, reclaimable: 0 });
  });
});
