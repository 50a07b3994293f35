import { isAppError } from '../../shared/errors';
import type { ContainerEngine, EngineFactory } from '../containers/container-engine';
import type { ConnectionSpec } from './spec';
import type { SshSupport, TestStep } from './ssh-support';

export interface ConnectionTestResult {
  readonly ok: boolean;
  readonly steps: TestStep[];
}

/**
 * Tests a connection step by step on fresh clients (the live session is left alone; over SSH they share
 * the one kept connection to that host, and the steps say so): for ssh:// the TCP connect, handshake and
 * host key, login; then the engine's answer and API version. Stops at the first failed step, whose
 * detail says what to do.
 */
export async function testConnection(
  spec: ConnectionSpec,
  deps: { readonly createEngine: EngineFactory; readonly ssh?: SshSupport },
  signal?: AbortSignal,
): Promise<ConnectionTestResult> {
  if (spec.blocked)
    return {
      ok: false,
      steps: [{ step: 'endpoint', ok: false, detail: `${spec.blocked.reason} ${spec.blocked.hint}` }],
    };
  const steps: TestStep[] = [];
  if (spec.target?.kind === 'ssh' && deps.ssh) {
    steps.push(...(await deps.ssh.probe(spec)));
    if (steps.some((step) => !step.ok)) return { ok: false, steps };
  }
  let engine: ContainerEngine | undefined;
  try {
    engine = await deps.createEngine(spec);
    const info = await engine.version(signal);
    steps.push({
      step: 'engine',
      ok: true,
      detail: `${info.name} ${info.version} (API ${info.apiVersion}, ${info.os}/${info.arch}) answered.`,
    });
    return { ok: true, steps };
  } catch (error) {
    const detail = isAppError(error) ? error.message : 'An unexpected error (see Bosun’s log).';
    steps.push({ step: 'engine', ok: false, detail });
    return { ok: false, steps };
  } finally {
    engine?.close();
  }
}
