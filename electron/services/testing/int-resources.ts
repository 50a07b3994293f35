import { expect } from 'vitest';
import type { RawEngine } from '../../../e2e/env/raw-engine';
import { TEST_LABELS } from '../../../e2e/env/test-env';
import {
  createTestContainer,
  removeTestContainers,
  runTestContainer,
  startIntCore,
  type IntCore,
} from './int-core';

/** The label key that scopes one test run's images, volumes and networks (and its prunes). */
export const RUN_LABEL = 'io.bosun.test.res';

/**
 * Images, volumes and networks one test run creates on the real engine, each labelled with the test
 * label and this run's label; `filter` scopes a prune to them, so no other test's fixtures can go.
 * `cleanup()` removes whatever is left, whatever the test did.
 */
export class TestResources {
  readonly run = `${process.pid}-${Date.now().toString(36)}`;
  readonly filter = `${RUN_LABEL}=${this.run}`;
  readonly labels: Readonly<Record<string, string>> = { ...TEST_LABELS, [RUN_LABEL]: this.run };
  private readonly containers: string[] = [];
  private readonly images: string[] = [];
  private readonly volumes: string[] = [];
  private readonly networks: string[] = [];

  constructor(private readonly engine: RawEngine) {}

  /** A stopped busybox container (kept for the cleanup). */
  async container(name?: string): Promise<string> {
    const id = await createTestContainer(this.engine, 'local/busybox:1', name);
    this.containers.push(id);
    return id;
  }

  /** A running busybox container with the given host config (mounts, network). */
  async running(hostConfig: Record<string, unknown>, image = 'local/busybox:1'): Promise<string> {
    const id = await runTestContainer(this.engine, {
      image,
      cmd: ['sleep', '3600'],
      labels: this.labels,
      hostConfig,
    });
    this.containers.push(id);
    return id;
  }

  /** A throwaway image committed from a test container: named `repo:tag`, or dangling without one. */
  async image(from: string, repo?: { repo: string; tag: string }): Promise<string> {
    const query = repo ? `&repo=${encodeURIComponent(repo.repo)}&tag=${encodeURIComponent(repo.tag)}` : '';
    const made = await this.engine.json<{ Id?: string; message?: string }>(
      'POST',
      `/commit?container=${from}${query}`,
      {
        Labels: this.labels,
      },
    );
    if (made.status !== 201 || !made.value.Id)
      throw new Error(`commit failed: ${made.value.message ?? made.status}`);
    this.images.push(made.value.Id);
    return made.value.Id;
  }

  /** A volume (anonymous-looking, with a 64-hex name, when no name is given). */
  async volume(name?: string): Promise<string> {
    const made = await this.engine.json<{ Name?: string; message?: string }>('POST', '/volumes/create', {
      ...(name ? { Name: name } : {}),
      Labels: this.labels,
    });
    if (made.status !== 201 || !made.value.Name)
      throw new Error(`volume create failed: ${made.value.message ?? made.status}`);
    this.volumes.push(made.value.Name);
    return made.value.Name;
  }

  /** A bridge network; the engine picks its subnet from its pools, so parallel runs never collide. */
  async network(name: string): Promise<string> {
    const made = await this.engine.json<{ Id?: string; message?: string }>('POST', '/networks/create', {
      Name: name,
      Labels: this.labels,
      CheckDuplicate: true,
    });
    if (made.status !== 201 || !made.value.Id)
      throw new Error(`network create failed: ${made.value.message ?? made.status}`);
    this.networks.push(made.value.Id);
    return made.value.Id;
  }

  /** Keeps a container made elsewhere (from one of this run's images) for the cleanup. */
  track(containerId: string): void {
    this.containers.push(containerId);
  }

  async cleanup(): Promise<void> {
    await removeTestContainers(this.engine, this.containers.splice(0));
    for (const id of this.images.splice(0).reverse())
      await this.engine.json('DELETE', `/images/${id}?force=1`);
    for (const name of this.volumes.splice(0)) await this.engine.json('DELETE', `/volumes/${name}`);
    for (const id of this.networks.splice(0)) await this.engine.json('DELETE', `/networks/${id}`);
  }
}

/** What a real-engine test of images, volumes or networks works with. */
export interface ResourceRun {
  readonly t: IntCore;
  readonly res: TestResources;
  /** The test engine: the one connection the core finds. */
  readonly connectionId: string;
}

/** For a test file's beforeAll: the real core, and this run's resources on its engine. */
export async function startResourceRun(): Promise<ResourceRun> {
  const t = await startIntCore();
  try {
    const connectionId = (await t.client.call('connections.list', {}))[0]!.id;
    return { t, res: new TestResources(t.engine), connectionId };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/**
 * For afterAll: removes what the run created (whatever its tests did), closes the core, and fails
 * the file when the core logged an internal error, even if every test passed.
 */
export async function endResourceRun(t: IntCore | undefined, res: TestResources | undefined): Promise<void> {
  if (!t) return;
  await res?.cleanup();
  await t.close();
  expect(t.internalErrors).toEqual([]);
}
