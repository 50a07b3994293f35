import type { ProgramEntry } from './schema';

// Reference §1.2, etcd, Consul and Vault rows. "(V)" = checked by the reference, "(K)" = background knowledge.

export const COORDINATION: ProgramEntry[] = [
  {
    id: 'etcd',
    name: 'etcd',
    detect: {
      images: [/(^|\/)etcd$/.source],
      commands: [/^(\S*\/)?etcd(\s|$)/.source],
      ports: [2379, 2380],
    },
    reload: [],
    configPaths: [],
    cannotReload: ['Its flags: a change needs a restart (K).'],
    caveats: [
      'TLS certificates are re-read on new handshakes (K).',
      'Membership changes go through `etcdctl member` (K).',
    ],
    signalsToAvoid: [],
    sources: ['https://etcd.io/docs (K)'],
  },
  {
    id: 'consul',
    name: 'Consul',
    detect: {
      images: [/(^|\/)consul$/.source],
      commands: [/^(\S*\/)?consul\s+agent(\s|$)/.source],
      ports: [8500, 8600],
    },
    reload: [
      { kind: 'signal', signal: 'HUP', target: 'main' },
      { kind: 'exec', command: ['consul', 'reload'] },
      { kind: 'http', method: 'PUT', port: 8500, path: '/v1/agent/reload', preconditions: [] },
    ],
    configTest: {
      command: ['consul', 'validate', '/consul/config'],
      note: 'The configuration directory of the official image (K).',
    },
    configPaths: ['/consul/config/'],
    cannotReload: ['Options not listed as "Reloadable Configuration" in the agent documentation (V).'],
    caveats: ['The reload is asynchronous: errors appear only in the agent log (V).'],
    signalsToAvoid: [],
    sources: ['https://developer.hashicorp.com/consul/commands/reload'],
  },
  {
    id: 'vault',
    name: 'Vault',
    detect: {
      images: [/(^|\/)vault$/.source],
      commands: [/^(\S*\/)?vault\s+server(\s|$)/.source],
      ports: [8200, 8201],
    },
    reload: [{ kind: 'signal', signal: 'HUP', target: 'main' }],
    configTest: { command: ['vault', 'operator', 'diagnose', '-config=/vault/config'], note: '(K)' },
    configPaths: ['/vault/config/'],
    cannotReload: [
      'Everything outside the reloadable subset: audit file handles (V), listener TLS certificates, log level and license (K).',
    ],
    caveats: ['Vault Agent also honours SIGHUP since 1.13 (V).'],
    signalsToAvoid: [],
    sources: [
      'IBM/HashiCorp support note on Vault SIGHUP (V)',
      'https://github.com/hashicorp/vault/issues/8216',
    ],
  },
];
