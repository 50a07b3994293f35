// PATCH bodies: JSON merge patch (RFC 7386), strategic merge patch (merge semantics plus the lists the
// API documents key by a field, e.g. containers by name) and JSON patch (RFC 6902).
import { ApiError, badRequest } from './status';

type Value = unknown;
type Obj = Record<string, Value>;

const isObj = (v: Value): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: Value, patch: Value): Value {
  if (!isObj(patch)) return structuredClone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Lists merged by key in strategic merge patch (patchMergeKey in the API types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  tolerations: 'key',
  conditions: 'type',
  ownerReferences: 'uid',
};

export function strategicMergePatch(target: Value, patch: Value): Value {
  if (!isObj(patch)) return structuredClone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) {
      delete out[key];
      continue;
    }
    const mergeKey = MERGE_KEYS[key];
    if (mergeKey !== undefined && Array.isArray(value) && Array.isArray(out[key])) {
      out[key] = mergeList(out[key] as Value[], value, mergeKey);
    } else {
      out[key] = strategicMergePatch(out[key], value);
    }
  }
  return out;
}

function mergeList(current: Value[], patch: Value[], mergeKey: string): Value[] {
  const result = [...current];
  for (const item of patch) {
    if (!isObj(item)) return structuredClone(patch);
    if (item.$patch === 'delete') {
      const at = result.findIndex((x) => isObj(x) && x[mergeKey] === item[mergeKey]);
      if (at >= 0) result.splice(at, 1);
      continue;
    }
    const at = result.findIndex((x) => isObj(x) && x[mergeKey] === item[mergeKey]);
    if (at >= 0) result[at] = strategicMergePatch(result[at], item);
    else result.push(strategicMergePatch({}, item));
  }
  return result;
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`json patch path '${path}' must start with /`);
  return path.slice(1).split('/').map(unescape);
}

function parentOf(doc: Value, tokens: string[], path: string): { parent: Obj | Value[]; last: string } {
  let cur: Value = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(token)];
    else if (isObj(cur)) cur = cur[token];
    else cur = undefined;
    if (cur === undefined)
      throw new ApiError(
        422,
        `the server rejected our request due to an error in our request: doc is missing path: "${path}"`,
        'Invalid',
      );
  }
  if (!Array.isArray(cur) && !isObj(cur))
    throw new ApiError(422, `doc is missing path: "${path}"`, 'Invalid');
  return { parent: cur, last: tokens[tokens.length - 1] ?? '' };
}

function getAt(doc: Value, path: string): Value {
  let cur: Value = doc;
  for (const token of parsePointer(path)) {
    if (Array.isArray(cur)) cur = cur[Number(token)];
    else if (isObj(cur)) cur = cur[token];
    else return undefined;
  }
  return cur;
}

function removeAt(doc: Value, path: string): Value {
  const { parent, last } = parentOf(doc, parsePointer(path), path);
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!(index >= 0 && index < parent.length))
      throw new ApiError(422, `doc is missing path: "${path}"`, 'Invalid');
    return parent.splice(index, 1)[0];
  }
  if (!(last in parent)) throw new ApiError(422, `doc is missing path: "${path}"`, 'Invalid');
  const value = parent[last];
  delete parent[last];
  return value;
}

function addAt(doc: Value, path: string, value: Value, replace: boolean): Value {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return structuredClone(value);
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!(index >= 0 && index <= parent.length))
      throw new ApiError(422, `doc is missing path: "${path}"`, 'Invalid');
    if (replace) parent[index] = structuredClone(value);
    else parent.splice(index, 0, structuredClone(value));
  } else {
    if (replace && !(last in parent)) throw new ApiError(422, `doc is missing path: "${path}"`, 'Invalid');
    parent[last] = structuredClone(value);
  }
  return doc;
}

export function jsonPatch(target: Value, ops: Value): Value {
  if (!Array.isArray(ops)) throw badRequest('json patch must be an array of operations');
  let doc = structuredClone(target);
  for (const op of ops) {
    if (!isObj(op) || typeof op.op !== 'string' || typeof op.path !== 'string') {
      throw badRequest('json patch operation needs op and path');
    }
    switch (op.op) {
      case 'add':
        doc = addAt(doc, op.path, op.value, false);
        break;
      case 'replace':
        doc = addAt(doc, op.path, op.value, true);
        break;
      case 'remove':
        removeAt(doc, op.path);
        break;
      case 'move': {
        const value = removeAt(doc, String(op.from));
        doc = addAt(doc, op.path, value, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, op.path, getAt(doc, String(op.from)), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, op.path)) !== JSON.stringify(op.value)) {
          throw new ApiError(422, `testing value ${op.path} failed`, 'Invalid');
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

/** Applies a PATCH body by its content type; 415 for types the server does not take. */
export function applyPatch(contentType: string, target: Value, body: Value): Value {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  switch (type) {
    case 'application/merge-patch+json':
      return mergePatch(target, body);
    case 'application/strategic-merge-patch+json':
      return strategicMergePatch(target, body);
    case 'application/json-patch+json':
      return jsonPatch(target, body);
    case 'application/apply-patch+yaml':
      throw new ApiError(
        415,
        'server-side apply is not supported by this simulator; use a merge patch',
        'UnsupportedMediaType',
      );
    default:
      throw new ApiError(
        415,
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
        'UnsupportedMediaType',
      );
  }
}
