/** Where a download goes, one chunk at a time. Exactly one of close() or abort() ends it. */
export interface FileSink {
  write(chunk: Uint8Array | string): Promise<void>;
  /** Finishes the file (the Blob path saves it only now). */
  close(): Promise<void>;
  /** Drops what was written: a cancelled download leaves no half file behind (where the browser lets us). */
  abort(): Promise<void>;
}

interface SavePickerOptions {
  suggestedName?: string;
  types?: Array<{ description?: string; accept: Record<string, string[]> }>;
}

/** The File System Access picker, which TypeScript's DOM library does not declare yet. */
type SavePicker = (options: SavePickerOptions) => Promise<FileSystemFileHandle>;

function savePicker(): SavePicker | undefined {
  const picker = (window as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  return typeof picker === 'function' ? picker.bind(window) : undefined;
}

function extensionOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot) : undefined;
}

/**
 * Asks where to save `suggestedName` and returns a sink that writes there. With the File System Access
 * picker (Chromium, Electron) chunks stream to the file, so a download of any size holds nothing in
 * memory; elsewhere they are collected into a Blob and saved through an `<a download>` click on close.
 * Undefined when the user cancelled the picker.
 */
export async function openFileSink(suggestedName: string, mimeType: string): Promise<FileSink | undefined> {
  const picker = savePicker();
  if (!picker) return blobSink(suggestedName, mimeType);
  const extension = extensionOf(suggestedName);
  let handle: FileSystemFileHandle;
  try {
    handle = await picker({
      suggestedName,
      ...(extension ? { types: [{ accept: { [mimeType]: [extension] } }] } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return undefined;
    throw error;
  }
  return streamSink(await handle.createWritable());
}

function streamSink(writable: FileSystemWritableFileStream): FileSink {
  let done = false;
  return {
    write: async (chunk) => {
      if (done) throw new Error('The file is already closed.');
      // Typed arrays over a shared buffer are not accepted by write(); ours never are, the cast says so.
      await writable.write(chunk as string | Uint8Array<ArrayBuffer>);
    },
    close: async () => {
      if (done) return;
      done = true;
      await writable.close();
    },
    abort: async () => {
      if (done) return;
      done = true;
      await writable.abort();
    },
  };
}

function blobSink(name: string, mimeType: string): FileSink {
  let parts: BlobPart[] | undefined = [];
  return {
    write: async (chunk) => {
      if (!parts) throw new Error('The file is already closed.');
      parts.push(chunk as string | Uint8Array<ArrayBuffer>);
    },
    close: async () => {
      if (!parts) return;
      const blob = new Blob(parts, { type: mimeType });
      parts = undefined;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.style.display = 'none';
      document.body.append(link);
      link.click();
      link.remove();
      // The click starts the download synchronously from the URL; revoking later lets slow browsers read it.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    abort: async () => {
      parts = undefined;
    },
  };
}
