import { describe, expect, it } from 'vitest';
import { applyPatch, jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { ApiError } from './status';

describe('patch', () => {
  it('merge patch replaces lists and deletes on null', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3] })).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      l: [3],
    });
  });

  it('strategic merge patch merges containers by name and honours $patch: delete', () => {
    const pod = {
      spec: {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'y' },
        ],
      },
    };
    const out = strategicMergePatch(pod, {
      spec: {
        containers: [
          { name: 'b', image: 'z' },
          { name: 'c', image: 'w' },
          { name: 'a', $patch: 'delete' },
        ],
      },
    });
    expect(out).toEqual({
      spec: {
        containers: [
          { name: 'b', image: 'z' },
          { name: 'c', image: 'w' },
        ],
      },
    });
  });

  it('json patch applies add/replace/remove/test and fails on a missing path', () => {
    const doc = { spec: { replicas: 1, list: [1, 2] } };
    expect(
      jsonPatch(doc, [
        { op: 'replace', path: '/spec/replicas', value: 3 },
        { op: 'add', path: '/spec/list/-', value: 3 },
        { op: 'remove', path: '/spec/list/0' },
        { op: 'test', path: '/spec/replicas', value: 3 },
      ]),
    ).toEqual({ spec: { replicas: 3, list: [2, 3] } });
    expect(doc.spec.replicas).toBe(1);
    expect(() => jsonPatch(doc, [{ op: 'replace', path: '/spec/nope/x', value: 1 }])).toThrow(ApiError);
  });

  it('answers 415 for unknown patch types', () => {
    try {
      applyPatch('text/plain', {}, {});
      expect.unreachable();
    } catch (error) {
      expect((error as ApiError).code).toBe(415);
    }
  });
});
