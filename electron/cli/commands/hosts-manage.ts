import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Connection } from '../../shared/contract';
import { checkEndpoint } from '../../shared/endpoint';
import { isAppError } from '../../shared/errors';
import { openLocalCore, type LocalCore } from '../local-core';
import { printError, printJson } from '../output';
import { printable } from '../printable';
import { hostsUnlockCommand, unlockConnection, type UnlockOptions } from './hosts-unlock';

export interface HostsAddOptions {
  readonly name?: string;
  readonly identity?: string;
  readonly acceptHostKey?: string;
  readonly remoteSocket?: string;
  readonly json?: boolean;
}

/** Quotes an argument for a POSIX shell only when it needs it, so the printed command can be pasted. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function defaultName(endpoint: string): string {
  const checked = checkEndpoint(endpoint);
  if (!checked.ok) return endpoint.slice(0, 80);
  const target = checked.endpoint;
  if (target.kind === 'ssh') return `${target.user ? `${target.user}@` : ''}${target.host}`.slice(0, 80);
  if (target.kind === 'tcp') return `${target.host}:${target.port}`;
  return endpoint.slice(0, 80);
}

/** The exact command that accepts the key a HOST_KEY_UNKNOWN refusal showed. */
function acceptCommand(endpoint: string, options: HostsAddOptions, print: string): string {
  const words = ['bosun', 'hosts', 'add', endpoint];
  if (options.name) words.push('--name', options.name);
  if (options.identity) words.push('--identity', resolve(options.identity));
  if (options.remoteSocket) words.push('--remote-socket', options.remoteSocket);
  words.push('--accept-host-key', print);
  return words.map(shellWord).join(' ');
}

function describeAdded(connection: Connection): string {
  const { status } = connection;
  const detail =
    status.state === 'connected' && status.engine
      ? `connected to Docker ${status.engine.version} (API ${status.engine.apiVersion})`
      : status.state === 'connecting'
        ? 'still connecting'
        : `not connected: ${[status.reason, status.hint].filter(Boolean).join(' ')}`;
  return `Added ${connection.id} (${connection.endpoint}): ${detail}`;
}

/** `bosun hosts add ENDPOINT`: add an engine; an unknown SSH host key is shown, never accepted silently. */
export async function hostsAddCommand(endpoint: string, options: HostsAddOptions): Promise<void> {
  const core = await openLocalCore({ settleMs: 0 });
  try {
    let connection: Connection;
    try {
      connection = await core.client.call('connections.add', {
        name: options.name ?? defaultName(endpoint),
        endpoint,
        ...(options.identity ? { identityFile: resolve(options.identity) } : {}),
        ...(options.acceptHostKey ? { acceptHostKey: options.acceptHostKey } : {}),
        ...(options.remoteSocket ? { remoteSocket: options.remoteSocket } : {}),
      });
    } catch (error) {
      if (!isAppError(error) || error.code !== 'HOST_KEY_UNKNOWN') throw error;
      const print = typeof error.details?.fingerprint === 'string' ? error.details.fingerprint : '';
      // Three lines, each made printable on its own: the last one is meant to be pasted.
      printError(error.message);
      console.error('Nothing was added. To accept exactly this key, run:');
      console.error(printable(`  ${acceptCommand(endpoint, options, print)}`));
      process.exitCode = 1;
      return;
    }
    if (connection.status.credential) connection = await askCredential(core, connection);
    if (options.json) printJson(connection);
    else console.log(printable(describeAdded(connection)));
    if (connection.status.state === 'unavailable') process.exitCode = 1;
  } finally {
    await core.close();
  }
}

/** An encrypted key or a password login right after adding: asked on a terminal, else named. */
async function askCredential(core: LocalCore, connection: Connection): Promise<Connection> {
  if (process.stdin.isTTY) return unlockConnection(core, connection, {});
  console.error(
    printable(`To give it, run: bosun hosts unlock ${connection.id} (add --secret-stdin to pipe it in).`),
  );
  return connection;
}

/** `bosun hosts rm ID`: forget a connection added in Bosun. */
export async function hostsRemoveCommand(id: string): Promise<void> {
  const core = await openLocalCore({ settleMs: 0 });
  try {
    await core.client.call('connections.remove', { id });
    console.log(printable(`Removed ${id}.`));
  } finally {
    await core.close();
  }
}

/** `bosun hosts test ID`: each step of reaching the engine, fresh, with what it saw. */
export async function hostsTestCommand(id: string, options: { json?: boolean }): Promise<void> {
  const core = await openLocalCore({ settleMs: 0 });
  try {
    const result = await core.client.call('connections.test', { id });
    if (options.json) printJson(result);
    else
      for (const step of result.steps)
        console.log(printable(`${step.ok ? 'ok  ' : 'FAIL'} ${step.step}: ${step.detail}`));
    if (!result.ok) process.exitCode = 1;
  } finally {
    await core.close();
  }
}

/** Adds `hosts add`, `hosts test` and `hosts rm` under `bosun hosts`. */
export function registerHostSubcommands(hosts: Command): void {
  hosts
    .command('add <endpoint>')
    .description(
      'Add an engine: ssh://user@host[:port], tcp://host:port or unix:///path. An unknown SSH host key is shown with the command that accepts it.',
    )
    .option('--name <name>', 'how the engine is listed (default: user@host)')
    .option('--identity <file>', 'SSH private key to log in with (default: the SSH agent and ~/.ssh/id_*)')
    .option(
      '--accept-host-key <fingerprint>',
      'accept exactly this SSH host key (SHA256:…), after comparing it',
    )
    .option('--remote-socket <path>', 'the Docker socket on the SSH host (default /var/run/docker.sock)')
    .option('--json', 'print JSON')
    // `--json` is also an option of `bosun hosts`, which commander gives it to: read both levels.
    .action((endpoint: string, _options: HostsAddOptions, command: Command) =>
      hostsAddCommand(endpoint, command.optsWithGlobals<HostsAddOptions>()),
    );
  hosts
    .command('test <id>')
    .description(
      'Test an engine step by step: DNS and TCP, SSH handshake and host key, login, engine and API version.',
    )
    .option('--json', 'print JSON')
    .action((id: string, _options: { json?: boolean }, command: Command) =>
      hostsTestCommand(id, command.optsWithGlobals<{ json?: boolean }>()),
    );
  hosts
    .command('unlock <id>')
    .description(
      'Give the passphrase of an encrypted SSH key, or the password, an engine’s login waits for (typed without echo).',
    )
    .option('--secret-stdin', 'read it from stdin instead of the terminal (for scripts)')
    .option('--remember', 'keep it in Bosun’s secret store, so the next run does not ask')
    .option('--json', 'print JSON')
    .action((id: string, _options: UnlockOptions, command: Command) =>
      hostsUnlockCommand(id, command.optsWithGlobals<UnlockOptions>()),
    );
  hosts
    .command('rm <id>')
    .description('Forget an engine added in Bosun (see `bosun hosts`).')
    .action((id: string) => hostsRemoveCommand(id));
}
