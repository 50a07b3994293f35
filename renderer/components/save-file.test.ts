import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openFileSink } from './save-file';

type Win = { showSaveFilePicker?: unknown };

/** A FileSystemWritableFileStream that records what reached it. */
function fakeWritable() {
  const written: Array<string | Uint8Array> = [];
  const state = { closed: false, aborted: false };
  const writable = {
    write: vi.fn(async (chunk: string | Uint8Array) => void written.push(chunk)),
    close: vi.fn(async () => void (state.closed = true)),
    abort: vi.fn(async () => void (state.aborted = true)),
  };
  return { writable, written, state };
}

/** jsdom's Blob has no text(); FileReader reads it the old way. */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(blob);
  });
}

describe('openFileSink', () => {
  afterEach(() => {
    delete (window as Win).showSaveFilePicker;
    vi.restoreAllMocks();
  });

  describe('with the save picker', () => {
    it('streams every chunk to the chosen file and closes it, with the suggested name and type', async () => {
      const { writable, written, state } = fakeWritable();
      const picker = vi.fn(async () => ({ createWritable: async () => writable }));
      (window as Win).showSaveFilePicker = picker;
      const sink = await openFileSink('web-20250101-120000.log', 'text/plain');
      expect(picker).toHaveBeenCalledWith({
        suggestedName: 'web-20250101-120000.log',
        types: [{ accept: { 'text/plain': ['.log'] } }],
      });
      await sink!.write('one\n');
      await sink!.write(new TextEncoder().encode('two\n'));
      expect(written).toHaveLength(2);
      await sink!.close();
      expect(state.closed).toBe(true);
      await expect(sink!.write('late')).rejects.toThrow('already closed');
    });

    it('is undefined when the user cancels the picker', async () => {
      (window as Win).showSaveFilePicker = async () => {
        throw new DOMException('The user aborted a request.', 'AbortError');
      };
      expect(await openFileSink('x.log', 'text/plain')).toBeUndefined();
    });

    it('passes on other picker failures', async () => {
      (window as Win).showSaveFilePicker = async () => {
        throw new DOMException('Not allowed.', 'SecurityError');
      };
      await expect(openFileSink('x.log', 'text/plain')).rejects.toThrow('Not allowed.');
    });

    it('aborts the file on abort, and a later close does nothing', async () => {
      const { writable, state } = fakeWritable();
      (window as Win).showSaveFilePicker = async () => ({ createWritable: async () => writable });
      const sink = await openFileSink('x', 'text/plain');
      await sink!.abort();
      await sink!.close();
      expect(state.aborted).toBe(true);
      expect(writable.close).not.toHaveBeenCalled();
    });
  });

  describe('without the save picker', () => {
    let blobs: Blob[];
    let clicks: Array<{ href: string; download: string }>;

    beforeEach(() => {
      blobs = [];
      clicks = [];
      URL.createObjectURL = vi.fn((blob: Blob) => {
        blobs.push(blob);
        return `blob:test/${blobs.length}`;
      });
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        clicks.push({ href: this.href, download: this.download });
      });
    });

    it('collects the chunks into one Blob and saves it through a download link on close', async () => {
      const sink = await openFileSink('app.log', 'text/plain');
      await sink!.write('a\n');
      await sink!.write(new TextEncoder().encode('b\n'));
      expect(clicks).toEqual([]);
      await sink!.close();
      expect(clicks).toEqual([{ href: 'blob:test/1', download: 'app.log' }]);
      expect(blobs[0]!.type).toBe('text/plain');
      expect(await blobText(blobs[0]!)).toBe('a\nb\n');
      expect(document.querySelector('a[download]')).toBeNull();
    });

    it('saves nothing when aborted', async () => {
      const sink = await openFileSink('app.log', 'text/plain');
      await sink!.write('a\n');
      await sink!.abort();
      await sink!.close();
      expect(clicks).toEqual([]);
      await expect(sink!.write('b')).rejects.toThrow('already closed');
    });
  });
});
