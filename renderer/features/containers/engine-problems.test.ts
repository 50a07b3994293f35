import { describe, expect, it } from 'vitest';
import { makeConnection } from '../../test/fixtures';
import { engineProblems } from './engine-problems';

describe('engineProblems', () => {
  it('lists unavailable connections with reason and hint, and failed lists of connected ones, once each', () => {
    const down = makeConnection({
      id: 'down',
      name: 'Down',
      status: {
        state: 'unavailable',
        since: 1,
        retryable: true,
        reason: 'socket missing',
        hint: 'start dockerd',
      },
    });
    const flaky = makeConnection({ id: 'flaky', name: 'Flaky' });
    const ok = makeConnection({ id: 'ok' });
    const problems = engineProblems(
      [down, flaky, ok],
      [
        { connectionId: 'down', code: 'UNAVAILABLE', message: 'duplicate of the status' },
        { connectionId: 'flaky', code: 'TIMEOUT', message: 'list timed out' },
      ],
    );
    expect(problems).toEqual([
      {
        connectionId: 'down',
        name: 'Down',
        endpoint: down.endpoint,
        reason: 'socket missing',
        hint: 'start dockerd',
        retryable: true,
      },
      {
        connectionId: 'flaky',
        name: 'Flaky',
        endpoint: flaky.endpoint,
        reason: 'list timed out',
        hint: undefined,
        retryable: true,
      },
    ]);
  });

  it("carries the core's retryable flag: a blocked engine is not retryable", () => {
    const ssh = makeConnection({
      id: 'ssh',
      status: { state: 'unavailable', since: 1, retryable: false, reason: 'SSH not yet', hint: 'use tcp://' },
    });
    expect(engineProblems([ssh], []).map((p) => [p.connectionId, p.retryable])).toEqual([['ssh', false]]);
  });
});
