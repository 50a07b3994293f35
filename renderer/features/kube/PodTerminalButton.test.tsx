import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AccessCheck } from '../../../electron/shared/contract';
import { FakeCore } from '../../test/fake-core';
import { renderApp } from '../../test/render-app';
import { fakeKube, makeCluster, makePod } from './kube-fixtures';

const KIND = 'kube-kind';

function setup(allowed: (check: AccessCheck, namespace: string) => boolean) {
  const core = new FakeCore();
  fakeKube(
    core,
    [makeCluster({ id: KIND, name: 'kind', current: true })],
    [
      makePod({ name: 'web-1', clusterId: KIND, namespace: 'default' }),
      makePod({ name: 'web-2', clusterId: KIND, namespace: 'default' }),
      makePod({ name: 'locked', clusterId: KIND, namespace: 'secure' }),
    ],
  );
  core.handle('kube.access', ({ checks, namespace }) =>
    checks.map((check) => ({
      verb: check.verb,
      resource: check.resource,
      allowed: allowed(check, namespace),
      ...(allowed(check, namespace) ? {} : { reason: 'no RBAC rule' }),
    })),
  );
  core.handle('terminal.openPod', (input) => ({
    sessionId: input.sessionId,
    mode: 'shell',
    shell: '/bin/ash',
    user: 'root',
    fixes: [],
    writable: true,
  }));
  return core;
}

const row = async (name: string): Promise<HTMLElement> =>
  (await screen.findAllByTestId('pod-row')).find((r) => r.dataset['name'] === name)!;

describe('PodTerminalButton', () => {
  it('offers a terminal where pods/exec is allowed, asking once per namespace, and opens the pod target', async () => {
    const core = setup((check, namespace) => !(check.subresource === 'exec' && namespace === 'secure'));
    const app = renderApp(core);
    await app.user.click(await screen.findByRole('button', { name: 'Pods' }));
    const web = await row('web-1');
    const button = await within(web).findByTestId('pod-terminal-button');
    expect(within(await row('web-2')).getByTestId('pod-terminal-button')).toBeTruthy();
    const locked = await row('locked');
    await waitFor(() => expect(within(locked).getByTestId('pod-terminal-denied')).toBeTruthy());
    expect(within(locked).queryByTestId('pod-terminal-button')).toBeNull();
    expect(within(locked).getByTestId('pod-terminal-denied').title).toContain('create pods/exec in secure');
    const execChecks = core.callsOf('kube.access').filter((c) => c.checks[0]?.subresource === 'exec');
    expect(execChecks.map((c) => c.namespace).sort()).toEqual(['default', 'secure']);

    await app.user.click(button);
    await waitFor(() => expect(core.callsOf('terminal.openPod')).toHaveLength(1));
    expect(core.callsOf('terminal.openPod')[0]).toMatchObject({
      clusterId: KIND,
      namespace: 'default',
      pod: 'web-1',
      container: 'main',
    });
  });
});
