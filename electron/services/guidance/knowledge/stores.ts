import { JVM_CAVEAT, JVM_SIGNALS_TO_AVOID, JVM_SOURCE } from './jvm';
import type { ProgramEntry } from './schema';

// Reference §1.2, cache and search rows. "(V)" = checked by the reference, "(K)" = background knowledge.

export const STORES: ProgramEntry[] = [
  {
    id: 'redis',
    name: 'Redis / Valkey',
    detect: {
      images: [/(^|\/)redis$/.source, /(^|\/)valkey$/.source, /(^|\/)redis-stack(-server)?$/.source],
      commands: [/^(\S*\/)?(redis|valkey)-server(\s|$)/.source],
      ports: [6379],
    },
    reload: [],
    configPaths: ['/usr/local/etc/redis/redis.conf'],
    cannotReload: [
      'redis.conf is never re-read: a change to the file needs a restart (K).',
      'Some settings are immutable or protected at runtime (K).',
    ],
    caveats: [
      'Change settings live with CONFIG SET, then CONFIG REWRITE to write them back to the file (K).',
    ],
    signalsToAvoid: [],
    sources: ['https://redis.io/docs/latest/commands/config-set/ (K)'],
  },
  {
    id: 'memcached',
    name: 'Memcached',
    detect: {
      images: [/(^|\/)memcached$/.source],
      commands: [/^(\S*\/)?memcached(\s|$)/.source],
      ports: [11211],
    },
    reload: [],
    configPaths: [],
    cannotReload: ['Everything: memcached takes its settings as command-line flags only (K).'],
    caveats: [],
    signalsToAvoid: [],
    sources: ['reference/domain.md §1.2, Memcached row (K, no external source)'],
  },
  {
    id: 'elasticsearch',
    name: 'Elasticsearch / OpenSearch',
    detect: {
      images: [/(^|\/)elasticsearch$/.source, /(^|\/)opensearch$/.source],
      commands: [/^(\S*\/)?java\s.*\borg\.(elasticsearch|opensearch)\./.source],
      ports: [9200, 9300],
    },
    reload: [
      {
        kind: 'http',
        method: 'POST',
        port: 9200,
        path: '/_nodes/reload_secure_settings',
        preconditions: [],
        note: 'Reloads the reloadable secure settings of the keystore only (K).',
      },
    ],
    configPaths: [
      '/usr/share/elasticsearch/config/elasticsearch.yml',
      '/usr/share/opensearch/config/opensearch.yml',
    ],
    cannotReload: ['Static settings of elasticsearch.yml need a restart (K).'],
    caveats: [
      'Dynamic settings change with PUT _cluster/settings (K).',
      'TLS certificate files are watched and reloaded (K).',
      JVM_CAVEAT,
    ],
    signalsToAvoid: JVM_SIGNALS_TO_AVOID,
    sources: ['elastic.co/guide/…/cluster-update-settings.html (K)', JVM_SOURCE],
  },
];
