import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type Client } from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../../shared/errors';
import { KnownHostsStore } from './known-hosts-store';
import { SshCredentials } from './ssh-credentials';
import { handshake, type SshHop } from './ssh-hop';

// A real ssh2.Server on loopback that takes only a password: keyboard-interactive and/or password.
const PASSWORD = 'correct horse';
let dir: string;
let server: ssh2.Server | undefined;
let port: number;
let knownHosts: KnownHostsStore;
const seen: string[] = [];

async function startServer(methods: ('keyboard-interactive' | 'password')[]): Promise<void> {
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519');
  server = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('authentication', (ctx) => {
      seen.push(ctx.method);
      if (ctx.method === 'keyboard-interactive' && methods.includes('keyboard-interactive'))
        return ctx.prompt([{ prompt: 'Password for ada: ', echo: false }], (answers) =>
          answers[0] === PASSWORD ? ctx.accept() : ctx.reject(methods),
        );
      if (ctx.method === 'password' && methods.includes('password'))
        return ctx.password === PASSWORD ? ctx.accept() : ctx.reject(methods);
      ctx.reject(methods);
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  const file = join(dir, `known_hosts_${port}`);
  await writeFile(file, `[127.0.0.1]:${port} ${hostKey.public}\n`);
  knownHosts = new KnownHostsStore({ openssh: [file], bosun: join(dir, 'none') });
}

function hop(credentials: SshCredentials): SshHop {
  // No agent and no key files: only a password can get in.
  return { host: '127.0.0.1', port, user: 'ada', identityFiles: [], homeDir: dir, credentials };
}

const where = (): string => `ada@[127.0.0.1]:${port}`;

async function login(credentials: SshCredentials): Promise<Client> {
  return handshake(hop(credentials), { knownHosts, readyTimeoutMs: 5_000 }, () => undefined);
}

async function refusal(credentials: SshCredentials): Promise<AppError> {
  const error = await login(credentials).then(
    (client) => (client.end(), undefined),
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bosun-kbd-'));
});

afterEach(async () => {
  seen.length = 0;
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('password logins against a real ssh2 server', () => {
  it('answers keyboard-interactive with the known password and logs in', async () => {
    await startServer(['keyboard-interactive']);
    const credentials = new SshCredentials(undefined);
    await credentials.keep({ kind: 'password', account: where() }, PASSWORD, false);
    const client = await login(credentials);
    client.end();
    expect(seen).toEqual(['none', 'keyboard-interactive']);
  });

  it('uses the password method where keyboard-interactive is not offered', async () => {
    await startServer(['password']);
    const credentials = new SshCredentials(undefined);
    await credentials.keep({ kind: 'password', account: where() }, PASSWORD, false);
    (await login(credentials)).end();
    expect(seen).toEqual(['none', 'password']);
  });

  it('refuses a wrong password clearly, asks for it again, and does not send it again on the next try', async () => {
    await startServer(['keyboard-interactive', 'password']);
    const credentials = new SshCredentials(undefined);
    await credentials.keep({ kind: 'password', account: where() }, 'wrong', false);
    const error = await refusal(credentials);
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toContain(`The password for ${where()} was refused.`);
    expect(error.details?.credential).toEqual({
      kind: 'password',
      user: 'ada',
      host: where(),
      prompt: 'Password for ada:',
    });
    // Sent once, by one method: no second guess with the same wrong password.
    expect(seen).toEqual(['none', 'keyboard-interactive']);
    expect(await credentials.password(where())).toBeUndefined();
  });

  it('says the server accepts a password, and asks for it, when none is known', async () => {
    await startServer(['password']);
    const error = await refusal(new SshCredentials(undefined));
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toContain('it accepts a password for ada');
    expect(error.details?.credential).toEqual({ kind: 'password', user: 'ada', host: where() });
    expect(seen).toEqual(['none']);
  });
});
