import { JVM_CAVEAT, JVM_SIGNALS_TO_AVOID, JVM_SOURCE } from './jvm';
import type { ProgramEntry } from './schema';

// Reference §1.2, Node.js and JVM rows. "(V)" = checked by the reference, "(K)" = background knowledge.

export const RUNTIMES: ProgramEntry[] = [
  {
    id: 'node',
    name: 'Node.js',
    detect: {
      images: [/(^|\/)node$/.source],
      // PM2 runs on node too; its own entry claims those lines.
      commands: [/^(\S*\/)?node(js)?(\s|$)(?!.*pm2)/.source],
      ports: [],
    },
    reload: [],
    configPaths: [],
    cannotReload: ['Node.js has no built-in reload: only what the application itself implements.'],
    caveats: [],
    signalsToAvoid: [
      { signal: 'USR1', why: 'opens the inspector (debugger) (K)' },
      { signal: 'HUP', why: 'terminates the process unless the application handles it (K)' },
    ],
    sources: ['https://nodejs.org/api/process.html#signal-events (K)'],
  },
  {
    id: 'pm2',
    name: 'PM2',
    detect: {
      images: [/(^|\/)pm2$/.source],
      commands: [
        /^PM2 v[\d.]+: God Daemon/.source,
        /^((\S*\/)?node(js)?\s+(-\S+\s+)*)?(\S*\/)?pm2(-runtime|-docker)?(\s|$)/.source,
      ],
      masterTitle: /^PM2 v[\d.]+: God Daemon/.source,
      ports: [],
    },
    reload: [
      {
        kind: 'exec',
        command: ['pm2', 'reload', 'all'],
        note: 'Zero-downtime in cluster mode; in fork mode it is a restart (K).',
      },
    ],
    configPaths: [],
    cannotReload: ['The environment of the ecosystem file, unless reloaded with --update-env (K).'],
    caveats: ['Use pm2-runtime as PID 1 (K).'],
    signalsToAvoid: [],
    sources: ['https://pm2.keymetrics.io/docs/usage/cluster-mode/ (K)'],
  },
  {
    id: 'java',
    name: 'Java / Spring Boot',
    detect: {
      images: [],
      // Elasticsearch, OpenSearch, Kafka and Tomcat are JVMs with entries of their own.
      commands: [
        /^(\S*\/)?java(\s|$)(?!.*\b(org\.(elasticsearch|opensearch|apache\.catalina)\.|kafka\.Kafka\b))/
          .source,
      ],
      ports: [],
    },
    reload: [
      {
        kind: 'http',
        method: 'POST',
        port: 8080,
        path: '/actuator/refresh',
        preconditions: [
          'Spring Cloud (spring-cloud-context) on the classpath',
          'the refresh actuator endpoint exposed over HTTP',
        ],
        note: 'Rebinds @ConfigurationProperties and @RefreshScope beans (K).',
      },
    ],
    configPaths: [],
    cannotReload: ['Ports, datasource pools and every bean outside @RefreshScope need a restart (K).'],
    caveats: [
      'No signal reloads a JVM.',
      JVM_CAVEAT,
      'SIGQUIT prints a thread dump and the JVM keeps running (V).',
    ],
    signalsToAvoid: JVM_SIGNALS_TO_AVOID,
    sources: [JVM_SOURCE],
  },
  {
    id: 'tomcat',
    name: 'Tomcat',
    detect: {
      images: [/(^|\/)tomcat$/.source],
      commands: [/^(\S*\/)?java\s.*\borg\.apache\.catalina\.startup\.Bootstrap\b/.source],
      ports: [8080],
    },
    reload: [
      {
        kind: 'http',
        method: 'GET',
        port: 8080,
        path: '/manager/text/reload?path=/app',
        preconditions: ['the manager web application deployed', 'a user with the manager-script role'],
        note: 'Reloads one web application: replace /app with its context path (K).',
      },
    ],
    configTest: { command: ['catalina.sh', 'configtest'], note: '(K)' },
    configPaths: ['/usr/local/tomcat/conf/server.xml', '/usr/local/tomcat/conf/'],
    cannotReload: ['server.xml: a change needs a restart (K).'],
    caveats: ['TLS certificates reload through JMX reloadSslHostConfigs (Tomcat 8.5+) (K).', JVM_CAVEAT],
    signalsToAvoid: JVM_SIGNALS_TO_AVOID,
    sources: ['https://tomcat.apache.org/tomcat-10.1-doc/manager-howto.html (K)', JVM_SOURCE],
  },
];
