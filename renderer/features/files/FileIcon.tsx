import type { FileType } from '../../../electron/shared/contract';

// Drawn, not emoji: emoji fonts are missing on many Linux desktops, where they show as empty boxes.
const PATHS: Record<FileType, string> = {
  dir: 'M1.5 3.5h4.2l1.5 1.6h7.3v8.4H1.5z',
  file: 'M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3',
  symlink: 'M3.5 1.5h6l3 3v10h-9z M6 11l4-4 M7 7h3v3',
  other: 'M8 2.5l5 3v5l-5 3-5-3v-5z',
};

/** A small outline icon for a folder, a file, a link or anything else (a device, a FIFO). */
export function FileIcon({ type }: { type: FileType }) {
  return (
    <svg
      className={`files-icon files-icon-${type}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
    >
      <path d={PATHS[type]} fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
    </svg>
  );
}
