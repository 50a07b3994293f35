import { connect } from 'node:net';
import { isAppError } from '../../shared/errors';
import type { TestStep } from '../connections/ssh-support';
import type { SshTunnel } from './ssh-tunnel';

const TCP_TIMEOUT_MS = 5_000;

function tcpStep(host: string, port: number): Promise<TestStep> {
  const started = Date.now();
  const step = 'DNS and TCP';
  return new Promise((resolve) => {
    const socket = connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (result: TestStep): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(TCP_TIMEOUT_MS, () =>
      done({ step, ok: false, detail: `${host}:${port} did not answer within ${TCP_TIMEOUT_MS / 1000} s.` }),
    );
    socket.once('connect', () =>
      done({
        step,
        ok: true,
        detail: `${host}:${port} (${socket.remoteAddress}) answered in ${Date.now() - started} ms.`,
      }),
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done({
        step,
        ok: false,
        detail: `${host}:${port}: ${error.code ?? error.message}. Check the host name, the port and that sshd runs.`,
      }),
    );
  });
}

/**
 * TCP, then handshake with host key check, then login; each step says what it saw. A connection
 * already kept to that host (same route and login) is used as it is, and the steps say so.
 */
export async function probeSsh(tunnel: SshTunnel, host: string, port: number): Promise<TestStep[]> {
  const steps = [await tcpStep(host, port)];
  if (!steps[0]!.ok) return steps;
  const kept = tunnel.connected;
  try {
    await tunnel.connect();
    const key = tunnel.verifiedKey;
    const how = kept ? ' (the connection Bosun keeps to this host)' : '';
    steps.push(
      {
        step: 'SSH handshake and host key',
        ok: true,
        detail: key ? `${key.keyType} ${key.fingerprint}, known${how}.` : `Known${how}.`,
      },
      { step: 'SSH login', ok: true, detail: `Logged in as ${tunnel.where}${how}.` },
    );
  } catch (error) {
    const message = isAppError(error) ? error.message : String(error);
    const code = isAppError(error) ? error.code : 'INTERNAL';
    if (code === 'PERMISSION_DENIED') {
      const key = tunnel.verifiedKey;
      steps.push({
        step: 'SSH handshake and host key',
        ok: true,
        detail: key ? `${key.keyType} ${key.fingerprint}, known.` : 'Known.',
      });
      steps.push({ step: 'SSH login', ok: false, detail: message });
    } else steps.push({ step: 'SSH handshake and host key', ok: false, detail: message });
  }
  return steps;
}
