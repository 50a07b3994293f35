/**
 * What services need from the desktop, behind one small port: Electron provides it in the app
 * (userData, safeStorage), plain Node in web mode, the CLI and tests (XDG dir, 0600 file).
 * Services never import electron.
 */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Where secrets live, for people ("OS keychain (libsecret)", "0600 file ~/.config/bosun/secrets.json"). */
  readonly description: string;
}

export interface Platform {
  readonly face: 'electron' | 'web' | 'cli';
  /** Bosun's own data directory (connections, accepted host keys, settings). */
  readonly dataDir: string;
  readonly homeDir: string;
  /** The environment discovery reads (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, XDG_RUNTIME_DIR …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly secrets: SecretStore;
  readonly versions: Readonly<Record<string, string>>;
}
