import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import { FakeEngine, fakeContainer, hexId } from '../testing/fake-engine';
import { ConnectionSession } from './connection-session';
import { SSH_NOT_SUPPORTED } from './ssh-blocked';
import type { ConnectionSpec } from './spec';

const spec: ConnectionSpec = {
  id: 'fake',
  name: 'Fake',
  endpoint: 'unix:///fake.sock',
  target: { kind: 'unix', path: '/fake.sock' },
  source: 'user',
  current: false,
};

let session: ConnectionSession | undefined;

function setup(
  engine = new FakeEngine(),
  s: ConnectionSpec = spec,
  extra: Partial<ConstructorParameters<typeof ConnectionSession>[1]> = {},
) {
  const statuses: string[] = [];
  const changes: Array<{ ids: string[]; full: boolean }> = [];
  const internal: unknown[] = [];
  let created = 0;
  session = new ConnectionSession(s, {
    createEngine: async () => {
      created++;
      return engine;
    },
    onStatus: () => statuses.push(session!.state),
    onContainers: (_id, change) => changes.push(change),
    log: () => undefined,
    onInternalError: (error) => internal.push(error),
    backoff: { initialMs: 20, maxMs: 40 },
    ...extra,
  });
  return { engine, statuses, changes, internal, session, created: () => created };
}

afterEach(() => {
  session?.dispose();
  session = undefined;
});

describe('ConnectionSession', () => {
  it('connects: version, event stream, one full list, then connected and a full change', async () => {
    const { engine, session, changes, statuses } = setup();
    engine.containers.set(hexId(1), fakeContainer(hexId(1)));
    await session.connect();
    expect(statuses).toEqual(['connected']);
    expect(session.toConnection().status).toMatchObject({
      state: 'connected',
      engine: { name: 'Fake Engine', version: '99.0' },
    });
    expect(engine.streaming).toBe(true);
    expect(engine.calls.fullLists).toBe(1);
    expect(changes).toEqual([{ ids: [], full: true }]);
    expect(
      session
        .liveCache()
        .list()
        .map((row) => row.id),
    ).toEqual([hexId(1)]);
  });

  it('asks for the engine identity and the event stream at once (one round trip less before the list)', async () => {
    const { engine, session } = setup();
    let open!: () => void;
    engine.versionGate = new Promise((resolve) => (open = resolve));
    const connecting = session.connect();
    await vi.waitFor(() => expect(engine.streaming).toBe(true));
    expect(engine.calls.fullLists).toBe(0);
    open();
    await connecting;
    expect(session.state).toBe('connected');
  });

  it('closes the event stream it opened when the engine identity fails', async () => {
    const { engine, session } = setup();
    engine.versionError = failure('UNAVAILABLE', 'The engine is gone.', 'Start it.');
    await session.connect();
    expect(session.state).toBe('unavailable');
    expect(engine.streaming).toBe(false);
  });

  it('keeps rows live from events, and ignores events that change no row', async () => {
    const { engine, session, changes } = setup();
    await session.connect();
    engine.emit(hexId(1), 'exec_start: sh');
    engine.emit(hexId(1), 'top');
    engine.containers.set(hexId(2), fakeContainer(hexId(2)));
    engine.emit(hexId(2), 'create');
    await session.liveCache().settled();
    expect(engine.calls.filteredLists).toEqual([[hexId(2)]]);
    expect(changes.at(-1)).toEqual({ ids: [hexId(2)], full: false });
  });

  it('goes unavailable with reason and hint when the engine cannot be reached, and retries until it can', async () => {
    const engine = new FakeEngine();
    engine.versionError = failure(
      'UNAVAILABLE',
      'The Docker socket /fake.sock does not exist.',
      'Is the engine running?',
    );
    const { session, created } = setup(engine);
    await session.connect();
    expect(session.toConnection().status).toMatchObject({
      state: 'unavailable',
      reason: 'The Docker socket /fake.sock does not exist.',
      hint: 'Is the engine running?',
    });
    expect(() => session.liveCache()).toThrow(/does not exist/);
    await vi.waitFor(() => expect(created()).toBeGreaterThanOrEqual(3), { timeout: 2000 });
    // Quiet retries: no flapping back to `connecting` while it keeps failing.
    expect(session.state).toBe('unavailable');
    engine.versionError = undefined;
    await vi.waitFor(() => expect(session.state).toBe('connected'), { timeout: 2000 });
  });

  it('notices the event stream dropping, says why, and reconnects with a full re-list', async () => {
    const { engine, session, changes, statuses } = setup();
    await session.connect();
    engine.versionError = new AppError('UNAVAILABLE', 'down');
    engine.dropStream(
      failure(
        'UNAVAILABLE',
        'The engine at unix:///fake.sock closed its event stream.',
        'Bosun reconnects by itself.',
      ),
    );
    expect(session.toConnection().status).toMatchObject({
      state: 'reconnecting',
      reason: expect.stringContaining('closed its event stream'),
      retry: { attempt: 1, at: expect.any(Number) },
    });
    expect(() => session.liveCache()).toThrow(/closed its event stream/);
    engine.versionError = undefined;
    await vi.waitFor(() => expect(session.state).toBe('connected'), { timeout: 2000 });
    expect(engine.calls.fullLists).toBe(2);
    expect(changes.filter((c) => c.full)).toHaveLength(2);
    expect(statuses).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('treats a failed re-read as a lost connection', async () => {
    const { engine, session } = setup();
    await session.connect();
    engine.listError = new AppError('UNAVAILABLE', 'list broke');
    engine.emit(hexId(1));
    await vi.waitFor(() => expect(session.state).toBe('reconnecting'));
    expect(engine.streaming).toBe(false);
  });

  it('shows connecting during an explicit retry', async () => {
    const engine = new FakeEngine();
    engine.versionError = new AppError('UNAVAILABLE', 'no');
    const { session, statuses } = setup(engine);
    await session.connect();
    engine.versionError = undefined;
    await session.connect();
    expect(statuses.slice(0, 3)).toEqual(['unavailable', 'connecting', 'connected']);
  });

  it('never dials a blocked connection (ssh)', async () => {
    const { session, created } = setup(new FakeEngine(), {
      ...spec,
      endpoint: 'ssh://me@box',
      target: { kind: 'ssh', host: 'box' },
      blocked: SSH_NOT_SUPPORTED,
    });
    await session.connect();
    expect(created()).toBe(0);
    expect(session.toConnection().status).toMatchObject({
      state: 'unavailable',
      reason: SSH_NOT_SUPPORTED.reason,
    });
    expect(() => session.liveCache()).toThrow(/SSH engines are not supported/);
  });

  it('stops retrying and closes the engine when disposed', async () => {
    const engine = new FakeEngine();
    engine.versionError = new AppError('UNAVAILABLE', 'no');
    const { session, created } = setup(engine);
    await session.connect();
    session.dispose();
    const attempts = created();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(created()).toBe(attempts);
  });

  it('closes stream and engine of a live connection when disposed', async () => {
    const { engine, session } = setup();
    await session.connect();
    session.dispose();
    expect(engine.streaming).toBe(false);
    expect(engine.closed).toBe(true);
  });
});

describe('ConnectionSession: errors no adapter translated', () => {
  const libraryText = 'ECONNRESET socket hang up at TLSSocket.onConnectEnd (node:_tls_wrap:1)';

  it('shows a fixed reason when connecting fails unexpectedly, and hands the original to the log', async () => {
    const engine = new FakeEngine();
    engine.versionError = new Error(libraryText);
    const { session, internal } = setup(engine, spec, { backoff: { initialMs: 10_000, maxMs: 10_000 } });
    await session.connect();
    const status = session.toConnection().status;
    expect(status).toMatchObject({
      state: 'unavailable',
      reason: 'Bosun could not connect to Fake (an unexpected error, logged).',
    });
    expect(JSON.stringify(session.toConnection())).not.toContain('ECONNRESET');
    expect(session.whyNotConnected().message).not.toContain('ECONNRESET');
    expect(internal).toEqual([engine.versionError]);
  });

  it('shows a fixed reason when a re-read fails unexpectedly', async () => {
    const { engine, session, internal } = setup(new FakeEngine(), spec, {
      backoff: { initialMs: 10_000, maxMs: 10_000 },
    });
    await session.connect();
    engine.listError = new Error(libraryText);
    engine.emit(hexId(1));
    await vi.waitFor(() => expect(session.state).toBe('reconnecting'));
    expect(session.toConnection().status.reason).toBe(
      'Bosun could not re-read the containers of this engine (an unexpected error, logged).',
    );
    expect(JSON.stringify(session.toConnection())).not.toContain('ECONNRESET');
    expect(internal).toContain(engine.listError);
  });
});

describe('ConnectionSession: retries and liveness', () => {
  it('re-arms a retry that fell due while a superseded attempt was still in flight', async () => {
    const { engine, session } = setup();
    // The first list hangs; the stream drops meanwhile, so the attempt in flight is superseded and
    // ends without a retry of its own, while the retry timer (20 ms) fires before it has settled.
    engine.listDelayMs = 150;
    engine.versionError = undefined;
    const first = session.connect();
    await vi.waitFor(() => expect(engine.streaming).toBe(true));
    engine.dropStream(failure('UNAVAILABLE', 'The engine closed its event stream.', 'Bosun reconnects.'));
    expect(session.state).toBe('unavailable');
    // It never was connected: this is still the first connection, not a reconnect.
    await first;
    engine.listDelayMs = 0;
    await vi.waitFor(() => expect(session.state).toBe('connected'), { timeout: 2000 });
  });

  it('goes reconnecting when a connected engine stops answering pings, then reconnects', async () => {
    const { engine, session, changes } = setup(new FakeEngine(), spec, {
      liveness: { intervalMs: 20, timeoutMs: 50 },
      backoff: { initialMs: 300, maxMs: 300 },
    });
    await session.connect();
    await vi.waitFor(() => expect(engine.calls.pings).toBeGreaterThanOrEqual(2));
    expect(session.state).toBe('connected');
    engine.pingHangs = true;
    await vi.waitFor(() => expect(session.state).toBe('reconnecting'), { timeout: 2000 });
    expect(session.toConnection().status).toMatchObject({
      reason: 'The engine stopped answering (no reply to ping within 0.05 s).',
      hint: expect.stringContaining('reconnects by itself'),
    });
    expect(engine.streaming).toBe(false);
    engine.pingHangs = false;
    await vi.waitFor(() => expect(session.state).toBe('connected'), { timeout: 2000 });
    expect(changes.filter((c) => c.full)).toHaveLength(2);
  });

  it('takes a failed ping for what it says (the engine refused) and stops pinging when disposed', async () => {
    const { engine, session } = setup(new FakeEngine(), spec, {
      liveness: { intervalMs: 10, timeoutMs: 50 },
    });
    await session.connect();
    engine.pingError = failure('UNAVAILABLE', 'Nothing answers on the socket /fake.sock.', 'Start it.');
    await vi.waitFor(() =>
      expect(session.toConnection().status.reason).toBe('Nothing answers on the socket /fake.sock.'),
    );
    engine.pingError = undefined;
    await vi.waitFor(() => expect(session.state).toBe('connected'), { timeout: 2000 });
    session.dispose();
    const pings = engine.calls.pings;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(engine.calls.pings).toBe(pings);
  });

  it('is retryable unless blocked', async () => {
    const { session } = setup();
    expect(session.toConnection().status.retryable).toBe(true);
    session.dispose();
    const blocked = setup(new FakeEngine(), { ...spec, blocked: SSH_NOT_SUPPORTED }).session;
    expect(blocked.toConnection().status).toMatchObject({ state: 'unavailable', retryable: false });
  });

  it('takes a new name for the same engine without reconnecting, and refuses another engine', async () => {
    const { session, created, statuses } = setup();
    await session.connect();
    session.relabel({ ...spec, name: 'Renamed', current: true });
    expect(session.toConnection()).toMatchObject({
      name: 'Renamed',
      current: true,
      status: { state: 'connected' },
    });
    expect(created()).toBe(1);
    expect(statuses).toEqual(['connected', 'connected']);
    expect(() => session.relabel({ ...spec, endpoint: 'unix:///other.sock' })).toThrow(AppError);
  });
});

describe('ConnectionSession: healing', () => {
  it('waits for the user after a login or host key refusal instead of retrying by itself', async () => {
    const engine = new FakeEngine();
    engine.versionError = failure('PERMISSION_DENIED', 'box refused to log in root.', 'Check the key.');
    const { session, created } = setup(engine);
    await session.connect();
    expect(session.toConnection().status).toMatchObject({ state: 'unavailable', retryable: true });
    expect(session.toConnection().status.retry).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(created()).toBe(1);
    // A nudge (wake from sleep) does not retry it either; the user's Retry does.
    session.nudge();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(created()).toBe(1);
    engine.versionError = undefined;
    await session.connect();
    expect(session.state).toBe('connected');
  });

  it('stays reconnecting (not connecting) while an asked-for retry runs, and counts its tries', async () => {
    const { engine, session, statuses } = setup(new FakeEngine(), spec, {
      backoff: { initialMs: 10_000, maxMs: 10_000 },
    });
    await session.connect();
    engine.versionError = new AppError('UNAVAILABLE', 'still down');
    engine.dropStream(failure('UNAVAILABLE', 'The engine closed its event stream.', 'Bosun reconnects.'));
    expect(session.toConnection().status.retry?.attempt).toBe(1);
    await session.connect();
    expect(statuses).not.toContain('connecting');
    expect(session.toConnection().status).toMatchObject({
      state: 'reconnecting',
      reason: 'still down',
      retry: { attempt: 2 },
    });
  });

  it('retries a lost connection at once when nudged (the machine woke), not after its backoff', async () => {
    const { engine, session } = setup(new FakeEngine(), spec, {
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    await session.connect();
    engine.versionError = new AppError('UNAVAILABLE', 'down');
    engine.dropStream(failure('UNAVAILABLE', 'The engine closed its event stream.', 'Bosun reconnects.'));
    engine.versionError = undefined;
    session.nudge();
    await vi.waitFor(() => expect(session.state).toBe('connected'), { timeout: 1000 });
  });

  it('pings a live connection at once when nudged', async () => {
    const { engine, session } = setup(new FakeEngine(), spec, {
      liveness: { intervalMs: 60_000, timeoutMs: 50 },
    });
    await session.connect();
    expect(engine.calls.pings).toBe(0);
    engine.pingHangs = true;
    session.nudge();
    expect(engine.calls.pings).toBe(1);
    await vi.waitFor(() => expect(session.state).toBe('reconnecting'), { timeout: 1000 });
  });
});
