import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../electron/shared/contract';
import { FakeCore } from '../../test/fake-core';
import type { FileSink } from '../../components/save-file';
import { downloadLog, formatForFile, rfc3339 } from './download-log';

const REQUEST = {
  connectionId: 'local',
  containerId: 'abc',
  stdout: true,
  stderr: false,
  since: '1700000000',
};

function recordingFile(options: { failWrite?: boolean } = {}) {
  const state = { chunks: [] as string[], closed: false, aborted: false };
  const file: FileSink = {
    write: async (chunk) => {
      if (options.failWrite) throw new Error('disk full');
      state.chunks.push(String(chunk));
    },
    close: async () => void (state.closed = true),
    abort: async () => void (state.aborted = true),
  };
  return { file, state };
}

function coreWithStream() {
  const core = new FakeCore();
  core.handle('logs.open', (input) => ({ streamId: input.streamId, tty: false }));
  core.handle('logs.ack', () => null);
  core.handle('logs.close', () => null);
  const opened = async (): Promise<string> => {
    for (let i = 0; i < 50 && core.callsOf('logs.open').length === 0; i++) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    return core.callsOf('logs.open')[0]!.streamId;
  };
  return { core, opened };
}

const line = (text: string, time = '1700000001.000000500'): LogLine => ({ stream: 'stdout', time, text });

describe('downloadLog', () => {
  it('formats lines as docker logs does, timestamps optional', () => {
    expect(rfc3339('1700000001.5')).toBe('2023-11-14T22:13:21.500000000Z');
    expect(formatForFile([line('a'), line('\x1b[31mb\x1b[0m')], false)).toBe('a\n\x1b[31mb\x1b[0m\n');
    expect(formatForFile([line('a')], true)).toBe('2023-11-14T22:13:21.000000500Z a\n');
  });

  it('streams the whole log without follow or tail into the file, then closes it', async () => {
    const { core, opened } = coreWithStream();
    const { file, state } = recordingFile();
    const progress: number[] = [];
    const done = downloadLog(core.client(), REQUEST, file, {
      timestamps: false,
      onProgress: (n) => progress.push(n),
      signal: new AbortController().signal,
    });
    const id = await opened();
    expect(core.callsOf('logs.open')[0]).toMatchObject({ ...REQUEST, follow: false });
    expect(core.callsOf('logs.open')[0]).not.toHaveProperty('tail');
    core.emit('logs.output', { type: 'lines', streamId: id, lines: [line('one'), line('two')] });
    core.emit('logs.output', { type: 'lines', streamId: id, lines: [line('three')] });
    core.emit('logs.output', { type: 'ended', streamId: id, reason: 'complete', message: '' });
    expect(await done).toBe(3);
    expect(state.chunks.join('')).toBe('one\ntwo\nthree\n');
    expect(progress).toEqual([2, 3]);
    expect(state).toMatchObject({ closed: true, aborted: false });
  });

  it('discards the file and closes the stream when cancelled', async () => {
    const { core, opened } = coreWithStream();
    const { file, state } = recordingFile();
    const cancel = new AbortController();
    const done = downloadLog(core.client(), REQUEST, file, {
      timestamps: false,
      onProgress: () => undefined,
      signal: cancel.signal,
    });
    const id = await opened();
    core.emit('logs.output', { type: 'lines', streamId: id, lines: [line('one')] });
    cancel.abort();
    await expect(done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(core.callsOf('logs.close')).toEqual([{ streamId: id }]);
    expect(state).toMatchObject({ closed: false, aborted: true });
  });

  it('stops and says why when the stream fails or the file cannot be written', async () => {
    const { core, opened } = coreWithStream();
    const first = recordingFile();
    const lost = downloadLog(core.client(), REQUEST, first.file, {
      timestamps: false,
      onProgress: () => undefined,
      signal: new AbortController().signal,
    });
    const id = await opened();
    core.emit('logs.output', {
      type: 'ended',
      streamId: id,
      reason: 'engine-lost',
      message: 'The engine went away.',
    });
    await expect(lost).rejects.toThrow('The download stopped after 0 lines: The engine went away.');
    expect(first.state.aborted).toBe(true);

    const second = coreWithStream();
    const broken = recordingFile({ failWrite: true });
    const full = downloadLog(second.core.client(), REQUEST, broken.file, {
      timestamps: false,
      onProgress: () => undefined,
      signal: new AbortController().signal,
    });
    const id2 = await second.opened();
    second.core.emit('logs.output', { type: 'lines', streamId: id2, lines: [line('x')] });
    await expect(full).rejects.toThrow('Writing the file failed: disk full');
    expect(broken.state.aborted).toBe(true);
    expect(second.core.callsOf('logs.close')).toEqual([{ streamId: id2 }]);
  });
});
