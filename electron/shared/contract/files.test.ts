import { describe, expect, it } from 'vitest';
import { contract } from '.';
import { containerPathSchema, MAX_UPLOAD_CHUNK_BYTES, uploadNameSchema } from './files';

describe('files contract', () => {
  it('takes a name for an upload only when it stays in its folder', () => {
    for (const good of ['notes.txt', 'a..b', '.env', '中文 名.txt', 'back\\slash', '...']) {
      expect(uploadNameSchema.safeParse(good).success, good).toBe(true);
    }
    for (const bad of ['', '.', '..', '../etc/passwd', 'a/b', '/abs', 'nul\0byte', 'x'.repeat(256)]) {
      expect(uploadNameSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('takes only absolute container paths', () => {
    expect(containerPathSchema.safeParse('/etc/nginx').success).toBe(true);
    expect(containerPathSchema.safeParse('etc').success).toBe(false);
    expect(containerPathSchema.safeParse('/a\0b').success).toBe(false);
  });

  it('bounds the bytes of one write', () => {
    const input = contract.methods['files.write'].input;
    const at = { transferId: '0b9f5c1e-6a3b-4c1f-9e4d-2f6a7b8c9d0e', index: 0 };
    expect(input.safeParse({ ...at, data: new Uint8Array(MAX_UPLOAD_CHUNK_BYTES) }).success).toBe(true);
    expect(input.safeParse({ ...at, data: new Uint8Array(MAX_UPLOAD_CHUNK_BYTES + 1) }).success).toBe(false);
    expect(input.safeParse({ ...at, data: 'text' }).success).toBe(false);
  });

  it('refuses an upload of a name with a slash before anything reaches the core', () => {
    const input = contract.methods['files.upload'].input;
    const base = {
      transferId: '0b9f5c1e-6a3b-4c1f-9e4d-2f6a7b8c9d0e',
      connectionId: 'lab',
      containerId: 'ab12cd34ef56',
      dir: '/tmp',
    };
    expect(input.safeParse({ ...base, files: [{ name: 'ok.txt', size: 1 }] }).success).toBe(true);
    expect(input.safeParse({ ...base, files: [{ name: '../../etc/cron.d/x', size: 1 }] }).success).toBe(
      false,
    );
  });
});
