import { describe, expect, it } from 'vitest';
import { makeConnection } from '../../test/fixtures';
import { engineProblems, reconnectingIds } from './engine-problems';

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
        reconnecting: false,
      },
      {
        connectionId: 'flaky',
        name: 'Flaky',
        endpoint: flaky.endpoint,
        reason: 'list timed out',
        hint: undefined,
        retryable: true,
        reconnecting: false,
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

describe('engineProblems: a lost connection', () => {
  it('says the engine is reconnecting, when it tries next, and which rows are as last seen', () => {
    const lost = makeConnection({
      id: 'lost',
      name: 'Lost',
      status: {
        state: 'reconnecting',
        since: 1,
        retryable: true,
        reason: 'The engine closed its event stream.',
        retry: { attempt: 3, at: 5_000 },
      },
    });
    const ok = makeConnection({ id: 'ok' });
    expect(engineProblems([lost, ok], [])).toEqual([
      {
        connectionId: 'lost',
        name: 'Lost',
        endpoint: lost.endpoint,
        reason: 'The engine closed its event stream.',
        hint: undefined,
        retryable: true,
        reconnecting: true,
        retryAt: 5_000,
      },
    ]);
    expect([...reconnectingIds([lost, ok])]).toEqual(['lost']);
  });
});
