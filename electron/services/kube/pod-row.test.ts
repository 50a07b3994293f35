import { describe, expect, it } from 'vitest';
import { fakePod } from '../testing/fake-kube-cluster';
import { podStatus, podSummary, type PodLike } from './pod-row';

function withStatuses(statuses: NonNullable<PodLike['status']>, spec?: PodLike['spec']): PodLike {
  return fakePod('default', 'p', { status: statuses, ...(spec ? { spec } : {}) });
}

describe('podStatus (kubectl get pods columns)', () => {
  it('Running with ready containers', () => {
    expect(podStatus(fakePod('default', 'p'))).toEqual({ status: 'Running', ready: '1/1', restarts: 0 });
  });

  it('a waiting reason wins over the phase, with restarts and when the last one was', () => {
    const pod = withStatuses({
      phase: 'Running',
      containerStatuses: [
        {
          name: 'main',
          ready: false,
          restartCount: 5,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 1, finishedAt: '2024-01-01T00:10:00Z' } },
        },
      ],
    });
    expect(podStatus(pod)).toEqual({
      status: 'CrashLoopBackOff',
      ready: '0/1',
      restarts: 5,
      lastRestartAt: Date.parse('2024-01-01T00:10:00Z'),
    });
    const pull = withStatuses({
      phase: 'Pending',
      containerStatuses: [{ name: 'main', state: { waiting: { reason: 'ImagePullBackOff' } } }],
    });
    expect(podStatus(pull).status).toBe('ImagePullBackOff');
  });

  it('Completed, ExitCode and Signal for terminated containers', () => {
    const done = withStatuses({
      phase: 'Succeeded',
      containerStatuses: [{ name: 'main', state: { terminated: { reason: 'Completed', exitCode: 0 } } }],
    });
    expect(podStatus(done)).toMatchObject({ status: 'Completed', ready: '0/1' });
    const code = withStatuses({
      phase: 'Failed',
      containerStatuses: [{ name: 'main', state: { terminated: { exitCode: 3 } } }],
    });
    expect(podStatus(code).status).toBe('ExitCode:3');
    const signal = withStatuses({
      phase: 'Failed',
      containerStatuses: [{ name: 'main', state: { terminated: { exitCode: 137, signal: 9 } } }],
    });
    expect(podStatus(signal).status).toBe('Signal:9');
  });

  it('Init:N/M while init containers run, Init:reason when one fails', () => {
    const spec = { containers: [{ name: 'main' }], initContainers: [{ name: 'a' }, { name: 'b' }] };
    const second = withStatuses(
      {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'a', state: { terminated: { exitCode: 0 } } },
          { name: 'b', state: { running: {} } },
        ],
        containerStatuses: [{ name: 'main', state: { waiting: { reason: 'PodInitializing' } } }],
      },
      spec,
    );
    expect(podStatus(second)).toMatchObject({ status: 'Init:1/2', ready: '0/1' });
    const crash = withStatuses(
      {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'a', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
      spec,
    );
    expect(podStatus(crash)).toMatchObject({ status: 'Init:CrashLoopBackOff', restarts: 2 });
  });

  it('Terminating while being deleted; SchedulingGated; the pod reason (Evicted)', () => {
    const pod = fakePod('default', 'p');
    expect(
      podStatus({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } }).status,
    ).toBe('Terminating');
    expect(
      podStatus({
        ...pod,
        spec: { ...pod.spec, schedulingGates: [{ name: 'x' }] },
        status: { phase: 'Pending' },
      }).status,
    ).toBe('SchedulingGated');
    expect(podStatus({ ...pod, status: { phase: 'Failed', reason: 'Evicted' } }).status).toBe('Evicted');
  });

  it('a row has the owner controller, node, IP, images and the creation time (Date or string)', () => {
    const pod = fakePod('prod', 'web-1', {
      metadata: {
        namespace: 'prod',
        name: 'web-1',
        uid: 'u1',
        creationTimestamp: new Date('2024-02-02T00:00:00Z'),
        ownerReferences: [{ kind: 'ReplicaSet', name: 'web-abc', controller: true }],
        labels: { app: 'web' },
      },
    });
    expect(podSummary({ ...pod, status: { ...pod.status, podIP: '10.0.0.5' } })).toMatchObject({
      namespace: 'prod',
      uid: 'u1',
      createdAt: Date.parse('2024-02-02T00:00:00Z'),
      owner: { kind: 'ReplicaSet', name: 'web-abc' },
      node: 'node-1',
      podIP: '10.0.0.5',
      containers: [{ name: 'main', image: 'local/busybox:1' }],
      labels: { app: 'web' },
      deleting: false,
    });
  });
});
