// Discovery documents: /version, /api, /api/v1, /apis and each group version.
import { GROUPS, RESOURCES, type ResourceDef } from './resources';
import type { Json } from './status';

export function versionInfo(): Json {
  return {
    major: '1',
    minor: '31',
    gitVersion: 'v1.31.0-bosun-sim',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.22.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function coreVersions(): Json {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }],
  };
}

export function apiGroupList(): Json {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: GROUPS.map((g) => {
      const gv = { groupVersion: `${g.name}/${g.version}`, version: g.version };
      return { name: g.name, versions: [gv], preferredVersion: gv };
    }),
  };
}

function entries(def: ResourceDef): Json[] {
  const main: Json = {
    name: def.name,
    singularName: def.singularName,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: def.verbs,
  };
  if (def.shortNames) main.shortNames = def.shortNames;
  const subs = Object.entries(def.subresources ?? {}).map(([sub, info]) => ({
    name: `${def.name}/${sub}`,
    singularName: '',
    namespaced: def.namespaced,
    kind: info.kind,
    verbs: info.verbs,
  }));
  return [main, ...subs];
}

/** The APIResourceList of a group version, or undefined when the simulator does not serve it. */
export function resourceList(group: string, version: string): Json | undefined {
  const defs = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (defs.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: defs.flatMap(entries),
  };
}

export function apiGroup(name: string): Json | undefined {
  const g = GROUPS.find((x) => x.name === name);
  if (!g) return undefined;
  const gv = { groupVersion: `${g.name}/${g.version}`, version: g.version };
  return { kind: 'APIGroup', apiVersion: 'v1', name: g.name, versions: [gv], preferredVersion: gv };
}
