// The test environment that e2e/env/up.sh brings up, as integration and E2E tests see it.
// A test that needs the engine calls testEnv(): it throws when the engine is down, so a missing
// engine is a failure, never a skip (DESIGN.md §6).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';

/** Label key on everything a test creates; e2e/env/clean-test-containers.sh removes what carries it. */
export const TEST_LABEL = 'io.bosun.test';
/** The labels to put on test containers, networks and volumes: `{ 'io.bosun.test': '1' }`. */
export const TEST_LABELS: Readonly<Record<string, string>> = Object.freeze({ [TEST_LABEL]: '1' });
/** Written by up.sh; the BOSUN_TEST_* / BOSUN_CHROMIUM environment variables override its values. */
export const TEST_ENV_JSON = '/run/bosun-test/env.json';

const UP = 'run e2e/env/up.sh';

export interface TestSsh {
  host: string;
  port: number;
  user: string;
  /** Private key (ed25519, no passphrase) that the loopback sshd accepts for `user`. */
  keyPath: string;
  /** known_hosts holding `[host]:port ssh-ed25519 …` for the sshd's host key. */
  knownHostsPath: string;
  /** `SHA256:…` of the sshd's host key, as ssh-keygen -l prints it. */
  hostFingerprint: string;
  /** The engine's socket path as seen from the SSH server side (for stream-local forwarding). */
  remoteDockerSocketPath: string;
}

export interface TestImages {
  /** busybox with applet links, /etc/passwd (root, HOME /root), CMD sh. */
  busybox: string;
  /** Debian bookworm minbase + nginx, bash, procps; no locales package; CMD nginx, EXPOSE 80. */
  debianNginx: string;
  /** Only /httpd (a static busybox): no shell, no tools. ENTRYPOINT /httpd, CMD -f -p 8080. */
  noshell: string;
  /** The toolbox sidecar image, labelled io.bosun.toolbox=1. */
  toolbox: string;
}

export interface TestEnv {
  /** `unix:///run/bosun-test/docker.sock` */
  dockerHost: string;
  /** The same socket as a path, for dockerode's `socketPath`. */
  dockerSocketPath: string;
  ssh: TestSsh;
  chromiumPath: string;
  images: TestImages;
  label: string;
}

const KEYS = [
  'BOSUN_TEST_DOCKER_HOST',
  'BOSUN_TEST_SSH_HOST',
  'BOSUN_TEST_SSH_PORT',
  'BOSUN_TEST_SSH_USER',
  'BOSUN_TEST_SSH_KEY',
  'BOSUN_TEST_SSH_KNOWN_HOSTS',
  'BOSUN_TEST_SSH_HOST_FINGERPRINT',
  'BOSUN_TEST_SSH_DOCKER_SOCKET',
  'BOSUN_CHROMIUM',
  'BOSUN_TEST_IMAGE_BUSYBOX',
  'BOSUN_TEST_IMAGE_NGINX',
  'BOSUN_TEST_IMAGE_NOSHELL',
  'BOSUN_TEST_IMAGE_TOOLBOX',
] as const;
type Key = (typeof KEYS)[number];

function readEnvJson(): Partial<Record<Key, string>> {
  let text: string;
  try {
    text = readFileSync(TEST_ENV_JSON, 'utf8');
  } catch {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${TEST_ENV_JSON} is not valid JSON: ${UP} to rewrite it`);
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new Error(`${TEST_ENV_JSON} is not an object: ${UP}`);
  const out: Partial<Record<Key, string>> = {};
  for (const key of KEYS) {
    const value: unknown = Reflect.get(parsed, key);
    if (typeof value === 'string' || typeof value === 'number') out[key] = String(value);
  }
  return out;
}

function readValues(): Record<Key, string> {
  const values = readEnvJson();
  for (const key of KEYS) {
    const fromEnv = process.env[key];
    if (fromEnv !== undefined && fromEnv !== '') values[key] = fromEnv;
  }
  const missing = KEYS.filter((key) => values[key] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `the test environment is not set up (${missing.join(', ')} missing from ${TEST_ENV_JSON} and the environment): ${UP}`,
    );
  }
  return values as Record<Key, string>;
}

function socketPathOf(dockerHost: string): string {
  if (!dockerHost.startsWith('unix://') || dockerHost.length <= 'unix://'.length) {
    throw new Error(`BOSUN_TEST_DOCKER_HOST must be unix:///path/to/docker.sock, got '${dockerHost}'`);
  }
  return dockerHost.slice('unix://'.length);
}

function portOf(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`BOSUN_TEST_SSH_PORT must be a TCP port, got '${text}'`);
  }
  return port;
}

/** Resolves true when the Docker engine on `socketPath` answers `GET /_ping` with 200 OK. Never rejects. */
export function pingEngine(socketPath: string, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ socketPath, path: '/_ping', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve(res.statusCode === 200 && body.trim() === 'OK'));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
  });
}

// testEnv() is synchronous (usable at module level and in describe blocks), so the ping runs in a child
// Node process. ELECTRON_RUN_AS_NODE lets the same call work when the tests run inside Electron.
const PING_SCRIPT = `
const req = require('node:http').get({ socketPath: process.argv[1], path: '/_ping', timeout: 3000 }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (c) => { body += c; });
  res.on('end', () => process.exit(res.statusCode === 200 && body.trim() === 'OK' ? 0 : 1));
});
req.on('timeout', () => req.destroy());
req.on('error', () => process.exit(1));
`;

function pingEngineSync(socketPath: string): boolean {
  try {
    execFileSync(process.execPath, ['-e', PING_SCRIPT, socketPath], {
      stdio: 'ignore',
      timeout: 10_000,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    return true;
  } catch {
    return false;
  }
}

let checked: TestEnv | undefined;

/**
 * The test environment, checked: throws when its description is missing or the test engine does not
 * answer `/_ping`. Never returns something a test could skip on.
 */
export function testEnv(): TestEnv {
  if (checked !== undefined) return checked;
  const v = readValues();
  const dockerSocketPath = socketPathOf(v.BOSUN_TEST_DOCKER_HOST);
  const env: TestEnv = {
    dockerHost: v.BOSUN_TEST_DOCKER_HOST,
    dockerSocketPath,
    ssh: {
      host: v.BOSUN_TEST_SSH_HOST,
      port: portOf(v.BOSUN_TEST_SSH_PORT),
      user: v.BOSUN_TEST_SSH_USER,
      keyPath: v.BOSUN_TEST_SSH_KEY,
      knownHostsPath: v.BOSUN_TEST_SSH_KNOWN_HOSTS,
      hostFingerprint: v.BOSUN_TEST_SSH_HOST_FINGERPRINT,
      remoteDockerSocketPath: v.BOSUN_TEST_SSH_DOCKER_SOCKET,
    },
    chromiumPath: v.BOSUN_CHROMIUM,
    images: {
      busybox: v.BOSUN_TEST_IMAGE_BUSYBOX,
      debianNginx: v.BOSUN_TEST_IMAGE_NGINX,
      noshell: v.BOSUN_TEST_IMAGE_NOSHELL,
      toolbox: v.BOSUN_TEST_IMAGE_TOOLBOX,
    },
    label: TEST_LABEL,
  };
  if (!pingEngineSync(dockerSocketPath)) {
    throw new Error(`the test engine is not running: ${UP} (no answer to GET /_ping on ${dockerSocketPath})`);
  }
  checked = Object.freeze(env);
  return checked;
}
