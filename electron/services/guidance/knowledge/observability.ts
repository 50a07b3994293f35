import type { ProgramEntry } from './schema';

// Reference §1.2, metrics and dashboards rows. "(V)" = checked by the reference, "(K)" = background knowledge.

const grafanaAdmin = 'Grafana server-admin credentials (the /api/admin endpoints)';

export const OBSERVABILITY: ProgramEntry[] = [
  {
    id: 'prometheus',
    name: 'Prometheus',
    detect: {
      images: [/(^|\/)prometheus$/.source],
      commands: [/^(\S*\/)?prometheus(\s|$)/.source],
      ports: [9090],
    },
    reload: [
      { kind: 'signal', signal: 'HUP', target: 'main' },
      {
        kind: 'http',
        method: 'POST',
        port: 9090,
        path: '/-/reload',
        preconditions: ['started with --web.enable-lifecycle (otherwise: "Lifecycle API is not enabled")'],
      },
    ],
    configTest: {
      command: ['promtool', 'check', 'config', '/etc/prometheus/prometheus.yml'],
      note: 'Rule files: `promtool check rules` (V).',
    },
    configPaths: ['/etc/prometheus/prometheus.yml'],
    cannotReload: ['Command-line flags (storage, retention, listen address) need a restart (K).'],
    caveats: [
      'The configuration and rule files reload; a bad configuration is not applied and the old one keeps running (V).',
      'Verify with the metric prometheus_config_last_reload_successful (K).',
    ],
    signalsToAvoid: [],
    sources: [
      'https://prometheus.io/docs/prometheus/latest/configuration/configuration/',
      'https://prometheus.io/docs/prometheus/latest/management_api/',
    ],
  },
  {
    id: 'alertmanager',
    name: 'Alertmanager',
    detect: {
      images: [/(^|\/)alertmanager$/.source],
      commands: [/^(\S*\/)?alertmanager(\s|$)/.source],
      ports: [9093],
    },
    reload: [
      { kind: 'signal', signal: 'HUP', target: 'main', note: '(K)' },
      { kind: 'http', method: 'POST', port: 9093, path: '/-/reload', preconditions: [], note: '(K)' },
    ],
    configTest: { command: ['amtool', 'check-config', '/etc/alertmanager/alertmanager.yml'], note: '(K)' },
    configPaths: ['/etc/alertmanager/alertmanager.yml'],
    cannotReload: [],
    caveats: ['Verify with the metric alertmanager_config_last_reload_successful (K).'],
    signalsToAvoid: [],
    sources: ['https://prometheus.io/docs/alerting/latest/configuration/ (K)'],
  },
  {
    id: 'grafana',
    name: 'Grafana',
    detect: {
      images: [/(^|\/)grafana(-oss|-enterprise)?$/.source],
      commands: [/^(\S*\/)?grafana(-server|\s+server)(\s|$)/.source],
      ports: [3000],
    },
    reload: ['dashboards', 'datasources', 'plugins', 'access-control'].map(
      (kind): ProgramEntry['reload'][number] => ({
        kind: 'http',
        method: 'POST',
        port: 3000,
        path: `/api/admin/provisioning/${kind}/reload`,
        preconditions: [grafanaAdmin],
        note: `Re-reads the ${kind} provisioning files (V).`,
      }),
    ),
    configPaths: ['/etc/grafana/grafana.ini', '/etc/grafana/provisioning/'],
    cannotReload: ['grafana.ini and GF_* environment variables need a restart (K).'],
    caveats: [
      'Datasource provisioning is deliberately not watched: call its reload endpoint (V: grafana#12878).',
      'LDAP settings reload with POST /api/admin/ldap/reload (V).',
    ],
    signalsToAvoid: [],
    sources: [
      'https://github.com/grafana/grafana/blob/main/pkg/api/admin_provisioning.go',
      'https://github.com/grafana/grafana/issues/12878',
    ],
  },
  {
    id: 'loki',
    name: 'Loki',
    detect: {
      images: [/(^|\/)loki$/.source],
      commands: [/^(\S*\/)?loki(\s|$)/.source],
      ports: [3100],
    },
    reload: [],
    configTest: {
      command: ['loki', '-verify-config', '-config.file=/etc/loki/local-config.yaml'],
      note: '(K, verify)',
    },
    configPaths: ['/etc/loki/local-config.yaml'],
    cannotReload: ['The main configuration needs a restart (K).'],
    caveats: [
      'The runtime_config file (per-tenant overrides) is re-read periodically, with nothing to send (K).',
    ],
    signalsToAvoid: [],
    sources: ['https://grafana.com/docs/loki/latest/configure/ (K)'],
  },
  {
    id: 'promtail',
    name: 'Promtail',
    detect: {
      images: [/(^|\/)promtail$/.source],
      commands: [/^(\S*\/)?promtail(\s|$)/.source],
      ports: [9080],
    },
    // The reference names -server.enable-runtime-reload and a /reload endpoint as unverified (K, verify):
    // without the HTTP verb confirmed, Bosun does not offer to call it.
    reload: [],
    configTest: {
      command: ['promtail', '-check-syntax', '-config.file=/etc/promtail/config.yml'],
      note: '(K, verify)',
    },
    configPaths: ['/etc/promtail/config.yml'],
    cannotReload: [],
    caveats: [
      'Deprecated: long-term support until 2026-02-28, end of life 2026-03-02 (V).',
      'A runtime reload through -server.enable-runtime-reload and a /reload endpoint is background knowledge, not verified (K).',
    ],
    signalsToAvoid: [],
    sources: ['https://grafana.com/docs/loki/latest/send-data/promtail/configuration/'],
  },
];
