import { describe, expect, it, vi } from 'vitest';
import type { WireError } from '../errors';
import { createClient } from './client';
import { createLinkEnds } from './link-ends';

const GONE: WireError = { code: 'UNAVAILABLE', message: 'gone' };

function ends() {
  return createLinkEnds({
    send: vi.fn(),
    close: vi.fn(),
    closedByClient: { code: 'UNAVAILABLE', message: 'closed by the client' },
  });
}

describe('createLinkEnds', () => {
  it('tells a listener that registers after the end, once and not while registering', async () => {
    const link = ends();
    link.end(GONE);
    const heard: WireError[] = [];
    link.link.onClose((reason) => heard.push(reason));
    expect(heard).toEqual([]);
    await Promise.resolve();
    expect(heard).toEqual([GONE]);

    const off = link.link.onClose((reason) => heard.push(reason));
    off();
    await Promise.resolve();
    expect(heard).toEqual([GONE]);
  });

  it('lets a client built on a link that has already ended fail its calls at once', async () => {
    const link = ends();
    link.end(GONE);
    const client = createClient(link.link, { timeoutMs: 60_000 });
    await expect(client.callRaw('system.info', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
