import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Contract } from '../contract';
import type { ClientFrame, ServerFrame } from '../contract/frames';
import { AppError } from '../errors';
import { createClient } from './client';
import type { FrameLink } from './link';
import { StreamSession } from './stream-session';

const STREAM_ID = '00000000-0000-4000-8000-000000000001';

/** A link whose core is the test: it sees what the client sends and answers by hand. */
function scriptedLink() {
  const sent: ClientFrame[] = [];
  const listeners = new Set<(frame: ServerFrame) => void>();
  const link: FrameLink = {
    send: (frame) => sent.push(frame),
    onFrame: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose: () => () => undefined,
    close: () => undefined,
  };
  const deliver = (frame: ServerFrame): void => listeners.forEach((l) => l(frame));
  const subId = (): string => {
    const sub = sent.find((f) => f.t === 'sub');
    if (!sub) throw new Error('no subscription was sent');
    return sub.id;
  };
  return { link, sent, deliver, subId };
}

function startSession(options: { every?: number } = {}) {
  const { link, sent, deliver, subId } = scriptedLink();
  const payloads: unknown[] = [];
  const onEnd = vi.fn<(end: string) => void>();
  const send = vi.fn<(units: number) => void>();
  const session = new StreamSession<'logs.output', string>({
    client: createClient<Contract>(link),
    topic: 'logs.output',
    params: { streamId: STREAM_ID },
    onPayload: (payload) => payloads.push(payload),
    onLost: (error) => session.finish(`lost: ${error.message}`),
    onEnd,
    ack: { every: options.every ?? 5, idleMs: 50, send },
  });
  const accept = (): void => deliver({ t: 'subscribed', id: subId(), envelope: { ok: true, value: null } });
  const push = (payload: unknown): void => deliver({ t: 'event', id: subId(), payload });
  return { session, sent, deliver, subId, payloads, onEnd, send, accept, push };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('StreamSession', () => {
  it('subscribes first, delivers payloads until it ends, then ends once and unsubscribes', () => {
    const s = startSession();
    expect(s.sent[0]).toMatchObject({ t: 'sub', topic: 'logs.output', params: { streamId: STREAM_ID } });
    s.accept();
    s.push({ type: 'lines', lines: [] });
    expect(s.payloads).toHaveLength(1);

    s.session.finish('complete');
    s.session.finish('again');
    s.push({ type: 'lines', lines: [] });
    expect(s.onEnd.mock.calls).toEqual([['complete']]);
    expect(s.payloads).toHaveLength(1);
    expect(s.session.ended).toBe(true);
    expect(s.sent.filter((f) => f.t === 'unsub')).toHaveLength(1);
  });

  it('hands a lost subscription to the client, which decides how it ends', () => {
    const s = startSession();
    s.accept();
    s.deliver({ t: 'closed', id: s.subId(), error: { code: 'UNAVAILABLE', message: 'engine gone' } });
    expect(s.onEnd.mock.calls).toEqual([['lost: engine gone']]);
  });

  it('acks in batches (at the threshold at once, below it after an idle), never after the end', () => {
    vi.useFakeTimers();
    const s = startSession({ every: 5 });
    s.session.consumed(3);
    expect(s.send).not.toHaveBeenCalled();
    s.session.consumed(2);
    expect(s.send.mock.calls).toEqual([[5]]);
    s.session.consumed(1);
    vi.advanceTimersByTime(50);
    expect(s.send.mock.calls).toEqual([[5], [1]]);

    s.session.consumed(4);
    s.session.finish('closed');
    s.session.consumed(10);
    vi.advanceTimersByTime(1_000);
    expect(s.send.mock.calls).toEqual([[5], [1]]);
  });

  it('opens only once subscribed, and answers with what the open gave', async () => {
    const s = startSession();
    const call = vi.fn(() => Promise.resolve('opened'));
    const opened = s.session.open(call);
    await Promise.resolve();
    expect(call).not.toHaveBeenCalled();
    s.accept();
    await expect(opened).resolves.toBe('opened');
    expect(s.session.ended).toBe(false);
  });

  it('ends quietly when the open fails, rejecting with an AppError', async () => {
    const s = startSession();
    s.accept();
    const failure = s.session.open(() => Promise.reject(new Error('boom')));
    await expect(failure).rejects.toMatchObject({ code: 'INTERNAL', message: 'Error: boom' });
    await expect(failure).rejects.toBeInstanceOf(AppError);
    expect(s.session.ended).toBe(true);
    expect(s.onEnd).not.toHaveBeenCalled();
    expect(s.sent.filter((f) => f.t === 'unsub')).toHaveLength(1);
  });

  it('does not open when the core refuses the subscription', async () => {
    const s = startSession();
    const call = vi.fn(() => Promise.resolve('opened'));
    const opened = s.session.open(call);
    s.deliver({
      t: 'subscribed',
      id: s.subId(),
      envelope: { ok: false, error: { code: 'PERMISSION_DENIED', message: 'not yours' } },
    });
    await expect(opened).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(call).not.toHaveBeenCalled();
    expect(s.onEnd).not.toHaveBeenCalled();
  });

  it('close ends it as told even when the core call fails, and does nothing once over', async () => {
    const s = startSession();
    s.accept();
    const failing = vi.fn(() => Promise.reject(new AppError('UNAVAILABLE', 'link down')));
    await expect(s.session.close(failing, 'closed')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(s.onEnd.mock.calls).toEqual([['closed']]);

    const again = vi.fn(() => Promise.resolve(null));
    await s.session.close(again, 'closed twice');
    expect(again).not.toHaveBeenCalled();
    expect(s.onEnd).toHaveBeenCalledTimes(1);
  });
});
