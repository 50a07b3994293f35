// labelSelector and fieldSelector as the API server parses them (set-based label requirements,
// equality-based field requirements on the fields each kind supports).
import type { KubeObject } from './store';
import { badRequest } from './status';

type Predicate = (obj: KubeObject) => boolean;

/** Splits on commas that are not inside parentheses (`env in (a,b),tier=x`). */
function splitTerms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((t) => t.trim()).filter((t) => t.length > 0);
}

function labelTerm(term: string): Predicate {
  const labels = (o: KubeObject): Record<string, string> => o.metadata.labels ?? {};
  let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (m) {
    const key = m[1]!;
    const values = new Set(m[3]!.split(',').map((v) => v.trim()));
    return m[2] === 'in'
      ? (o) => key in labels(o) && values.has(labels(o)[key]!)
      : (o) => !(key in labels(o)) || !values.has(labels(o)[key]!);
  }
  m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term);
  if (m) {
    const key = m[1]!;
    const value = m[3]!;
    return m[2] === '!=' ? (o) => labels(o)[key] !== value : (o) => labels(o)[key] === value;
  }
  m = /^(!?)([\w./-]+)$/.exec(term);
  if (m) {
    const key = m[2]!;
    return m[1] === '!' ? (o) => !(key in labels(o)) : (o) => key in labels(o);
  }
  throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
}

export function parseLabelSelector(text: string | null): Predicate {
  if (!text) return () => true;
  const terms = splitTerms(text).map(labelTerm);
  return (o) => terms.every((t) => t(o));
}

function fieldValue(obj: KubeObject, path: string): string | undefined {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return '';
  return typeof cur === 'string' ? cur : String(cur);
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
const KIND_FIELDS: Record<string, readonly string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Secret: ['type'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

export function parseFieldSelector(text: string | null, kind: string): Predicate {
  if (!text) return () => true;
  const allowed = new Set([...COMMON_FIELDS, ...(KIND_FIELDS[kind] ?? [])]);
  const terms = splitTerms(text).map((term): Predicate => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = m[1]!;
    if (!allowed.has(field)) {
      throw badRequest(`"${field}" is not a known field selector: only "${[...allowed].join('", "')}"`);
    }
    const value = m[3]!;
    return m[2] === '!=' ? (o) => fieldValue(o, field) !== value : (o) => fieldValue(o, field) === value;
  });
  return (o) => terms.every((t) => t(o));
}
