/** The installed Electron binary under `root`, or undefined where it could not be downloaded. */
export function electronBinary(root: string): string | undefined;
