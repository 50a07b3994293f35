import { describe, expect, it } from 'vitest';
import { labDirectory } from '../testing/fake-directory';
import { inspectResultSchema, MAX_RAW_INSPECT_CHARS, SECRET_MASK } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import { FakeEngine } from '../testing/fake-engine';
import shopWeb from './fixtures/shop-web.inspect.json' with { type: 'json' };
import type { InspectDocument } from './inspect-engine';
import { InspectService } from './inspect-service';
import { maskDocument } from './mask-raw';

const doc = shopWeb as InspectDocument;
const ID = doc['Id'] as string;
const IMAGE = doc['Image'] as string;

function setup(document: InspectDocument = doc, down?: AppError) {
  const engine = new FakeEngine();
  engine.inspect.containers.set(ID, document);
  engine.inspect.images.set(IMAGE, { entrypoint: null, cmd: ['sh'] });
  return { engine, service: new InspectService(labDirectory(engine, down)) };
}

const config = (raw: unknown): { Env: string[]; Cmd: string[] } =>
  (raw as { Config: { Env: string[]; Cmd: string[] } }).Config;

describe('InspectService', () => {
  it('answers the summary and the raw document with the same secrets masked, in the contract shape', async () => {
    const { service, engine } = setup();
    const result = await service.inspect({
      connectionId: 'lab',
      containerId: ID.slice(0, 12),
      reveal: false,
    });
    expect(inspectResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ secrets: 3, revealed: false });
    expect(config(result.raw).Env).toEqual([
      `DB_PASSWORD=${SECRET_MASK}`,
      `DATABASE_URL=postgres://app:${SECRET_MASK}@db:5432/shop`,
      'KEYBOARD_LAYOUT=us',
      `GITHUB_TOKEN=${SECRET_MASK}`,
      'TOKENIZERS_PARALLELISM=false',
    ]);
    expect(JSON.stringify(result)).not.toMatch(/hunter2|s3cret|ghp_abc/);
    expect(result.summary.cmd.source).toBe('container');
    expect(engine.inspect.calls).toEqual([`container ${ID.slice(0, 12)}`, `image ${IMAGE}`]);
    // Masking works on a copy: the document itself is untouched.
    expect(config(doc).Env[0]).toBe('DB_PASSWORD=hunter2');
  });

  it('reveals the document whole when asked', async () => {
    const { service } = setup();
    const result = await service.inspect({ connectionId: 'lab', containerId: ID, reveal: true });
    expect(result.raw).toEqual(doc);
    expect(result).toMatchObject({ secrets: 3, revealed: true });
    expect(result.summary.env[0]?.value).toBe('hunter2');
  });

  it('masks URL passwords in what runs, in the raw document too', () => {
    const copy = structuredClone(doc);
    copy['Args'] = ['-c', 'exec app --db mysql://root:pw@db/x'];
    config(copy).Cmd = ['-c', 'exec app --db mysql://root:pw@db/x'];
    const masked = maskDocument(copy);
    expect(masked['Args']).toEqual(['-c', `exec app --db mysql://root:${SECRET_MASK}@db/x`]);
    expect(config(masked).Cmd[1]).toContain(SECRET_MASK);
  });

  it('leaves out a raw document over the bound and says so, keeping the summary', async () => {
    const big = structuredClone(doc);
    (big['Config'] as { Labels: Record<string, string> }).Labels['huge'] = 'x'.repeat(MAX_RAW_INSPECT_CHARS);
    const { service } = setup(big);
    const result = await service.inspect({ connectionId: 'lab', containerId: ID, reveal: false });
    expect(result.raw).toBeNull();
    expect(result.summary.name).toBe('shop-web-1');
    expect(result.summary.notes).toContainEqual(
      expect.stringMatching(/^The raw document is 1\.0 MB, more than/),
    );
  });

  it('says a removed container is gone', async () => {
    const { service } = setup();
    await expect(
      service.inspect({ connectionId: 'lab', containerId: 'f'.repeat(64), reveal: false }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('is gone: it was removed'),
    });
  });

  it('passes on why the engine cannot be reached', async () => {
    const down = failure('UNAVAILABLE', 'The Docker socket /lab.sock does not exist.', 'Start the engine.');
    const { service } = setup(doc, down);
    await expect(service.inspect({ connectionId: 'lab', containerId: ID, reveal: false })).rejects.toBe(down);
    await expect(
      service.inspect({ connectionId: 'nowhere', containerId: ID, reveal: false }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no connection "nowhere"'),
    });
  });

  it('still answers when the image is gone, saying what it cannot tell', async () => {
    const { service, engine } = setup();
    engine.inspect.images.clear();
    const result = await service.inspect({ connectionId: 'lab', containerId: ID, reveal: false });
    expect(result.summary.cmd.source).toBe('unknown');
    expect(result.summary.notes[0]).toContain('no longer on the engine');
  });
});
