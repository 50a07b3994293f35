import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { FakeExec, FakeProcess } from '../testing/fake-exec';
import { containerRunning, explainEnd, type EndContext } from './explain-end';

const ID = 'ab'.repeat(32);

function context(mode: EndContext['mode'] = 'shell'): {
  ctx: EndContext;
  exec: FakeExec;
  process: FakeProcess;
} {
  const exec = new FakeExec();
  exec.addContainer(ID, { name: 'web' });
  const process = new FakeProcess({ cmd: ['/bin/sh'], env: [], cols: 80, rows: 24 });
  const ctx: EndContext = {
    mode,
    process,
    isRunning: containerRunning(exec, ID),
    containerName: 'web',
    endpoint: 'unix:///run/docker.sock',
  };
  return { ctx, exec, process };
}

describe('explainEnd', () => {
  it('says the image has no shell when the exec exits 126/127 before anything was typed', async () => {
    const { ctx, process } = context();
    process.code = 127;
    await expect(explainEnd(ctx, { closedByClient: false, typed: false })).resolves.toMatchObject({
      reason: 'no-shell',
      exitCode: 127,
      message: expect.stringContaining('toolbox'),
    });
  });

  it('takes 127 after typing for what it is: the last command was not found', async () => {
    const { ctx, process } = context();
    process.code = 127;
    await expect(explainEnd(ctx, { closedByClient: false, typed: true })).resolves.toMatchObject({
      reason: 'exited',
      exitCode: 127,
    });
  });

  it('says closed when the client closed it, without asking the engine', async () => {
    const { ctx, process } = context();
    process.exitError = new AppError('UNAVAILABLE', 'down');
    await expect(explainEnd(ctx, { closedByClient: true, typed: true })).resolves.toMatchObject({
      reason: 'closed',
    });
  });

  it('says the container stopped, or was removed', async () => {
    const { ctx, exec, process } = context();
    process.code = 137;
    exec.addContainer(ID, { name: 'web', running: false });
    await expect(explainEnd(ctx, { closedByClient: false, typed: true })).resolves.toMatchObject({
      reason: 'container-gone',
      message: expect.stringContaining('stopped'),
    });
    process.exitError = new AppError('NOT_FOUND', 'gone');
    await expect(explainEnd(ctx, { closedByClient: false, typed: true })).resolves.toMatchObject({
      reason: 'container-gone',
      message: expect.stringContaining('removed'),
    });
  });

  it('says the engine was lost, with what the engine said', async () => {
    const { ctx, process } = context();
    process.exitError = new AppError('UNAVAILABLE', 'Nothing is listening at unix:///run/docker.sock.');
    await expect(explainEnd(ctx, { closedByClient: false, typed: true })).resolves.toMatchObject({
      reason: 'engine-lost',
      message: expect.stringContaining('Nothing is listening'),
    });
  });

  it('names PID 1 for an attach', async () => {
    const { ctx, process } = context('attach');
    process.code = 0;
    await expect(explainEnd(ctx, { closedByClient: false, typed: false })).resolves.toMatchObject({
      reason: 'exited',
      message: 'PID 1 exited with code 0.',
    });
  });
});
