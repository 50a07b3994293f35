import type { ProgramEntry } from './schema';

// Reference §1.2, log and metrics shipper rows. "(V)" = checked by the reference, "(K)" = background knowledge.

export const LOG_PIPELINES: ProgramEntry[] = [
  {
    id: 'fluentd',
    name: 'Fluentd',
    detect: {
      images: [/(^|\/)fluentd(-kubernetes-daemonset)?$/.source],
      commands: [/^((\S*\/)?ruby[\d.]*\s+(-\S+\s+)*)?(\S*\/)?fluentd(\s|$)/.source],
      ports: [24224],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'USR2',
        target: 'master',
        note: 'Graceful pipeline rebuild (Fluentd ≥ 1.9); send it to the supervisor, never to a worker (V).',
      },
      {
        kind: 'http',
        method: 'GET',
        path: '/api/config.gracefulReload',
        preconditions: ['rpc_endpoint set in <system> (the RPC server has no default address)'],
        note: '(V)',
      },
      { kind: 'signal', signal: 'HUP', target: 'master', note: 'Restarts the workers: not graceful (V).' },
    ],
    configTest: { command: ['fluentd', '--dry-run', '-c', '/fluentd/etc/fluent.conf'], note: '(K)' },
    configPaths: ['/fluentd/etc/fluent.conf'],
    cannotReload: [],
    caveats: [
      'The supervisor and its worker share one command line; the supervisor is the parent.',
      'Rapid repeated reloads could SIGKILL workers (fluentd#3341) (V).',
    ],
    signalsToAvoid: [],
    sources: ['https://docs.fluentd.org/deployment/signals', 'https://github.com/fluent/fluentd/issues/3341'],
  },
  {
    id: 'fluent-bit',
    name: 'Fluent Bit',
    detect: {
      images: [/(^|\/)fluent-bit$/.source],
      commands: [/^(\S*\/)?fluent-bit(\s|$)/.source],
      ports: [2020],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'HUP',
        target: 'main',
        note: 'Only with `hot_reload on` in [SERVICE] (or -Y) (V).',
      },
      {
        kind: 'http',
        method: 'PUT',
        port: 2020,
        path: '/api/v2/reload',
        preconditions: ['`hot_reload on` in [SERVICE] (or -Y)', 'the HTTP server enabled (HTTP_Server on)'],
        note: 'POST works too; the body is `{}` (V).',
      },
    ],
    configTest: {
      command: ['fluent-bit', '--dry-run', '-c', '/fluent-bit/etc/fluent-bit.conf'],
      note: '(K)',
    },
    configPaths: ['/fluent-bit/etc/fluent-bit.conf'],
    cannotReload: [],
    caveats: ['GET /api/v2/reload answers hot_reload_count, which rises by one per successful reload (V).'],
    signalsToAvoid: [],
    sources: ['https://docs.fluentbit.io/manual/administration/hot-reload'],
  },
  {
    id: 'vector',
    name: 'Vector',
    detect: {
      images: [/(^|\/)vector$/.source],
      commands: [/^(\S*\/)?vector(\s|$)/.source],
      ports: [8686],
    },
    reload: [{ kind: 'signal', signal: 'HUP', target: 'main' }],
    configTest: {
      command: ['vector', 'validate'],
      note: 'Also checks that the sinks are reachable unless told to skip (V).',
    },
    configPaths: ['/etc/vector/vector.yaml', '/etc/vector/vector.toml'],
    cannotReload: [],
    caveats: [
      'An invalid configuration aborts the reload and the old topology keeps running (V).',
      '--watch-config (-w) reloads on file changes; for Kubernetes ConfigMaps use --watch-config-method poll (V).',
      'Verify with the reloaded_total metric (V).',
    ],
    signalsToAvoid: [],
    sources: [
      'https://vector.dev/docs/administration/management/',
      'https://github.com/vectordotdev/vector/discussions/25982',
    ],
  },
  {
    id: 'telegraf',
    name: 'Telegraf',
    detect: {
      images: [/(^|\/)telegraf$/.source],
      commands: [/^(\S*\/)?telegraf(\s|$)/.source],
      ports: [],
    },
    reload: [{ kind: 'signal', signal: 'HUP', target: 'main', note: '(K)' }],
    configTest: { command: ['telegraf', '--test'], note: 'Gathers the inputs once and prints them (K).' },
    configPaths: ['/etc/telegraf/telegraf.conf', '/etc/telegraf/telegraf.d/'],
    cannotReload: [],
    caveats: ['--watch-config notify|poll reloads on file changes (K).'],
    signalsToAvoid: [],
    sources: ['https://docs.influxdata.com/telegraf/ (K)'],
  },
  {
    id: 'rsyslog',
    name: 'rsyslog',
    detect: {
      images: [],
      commands: [/^(\S*\/)?rsyslogd(\s|$)/.source],
      ports: [514],
    },
    reload: [],
    configTest: { command: ['rsyslogd', '-N1', '-f', '/etc/rsyslog.conf'], note: '(K)' },
    configPaths: ['/etc/rsyslog.conf', '/etc/rsyslog.d/'],
    cannotReload: ['The configuration: a change needs a restart (V).'],
    caveats: ['SIGHUP only closes and reopens the output files; it does not reload the configuration (V).'],
    signalsToAvoid: [],
    sources: ['https://www.rsyslog.com/doc/ (K)', 'gist comment on rsyslog SIGHUP (V, per reference §1.2)'],
  },
];
