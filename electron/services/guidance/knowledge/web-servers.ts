import type { ProgramEntry } from './schema';

// Reference §1.2, web-server rows. "(V)" = checked by the reference, "(K)" = background knowledge it
// did not re-check (verify before relying).

export const WEB_SERVERS: ProgramEntry[] = [
  {
    id: 'nginx',
    name: 'nginx',
    detect: {
      images: [/(^|\/)nginx$/.source, /(^|\/)nginx-unprivileged$/.source, /(^|\/)openresty$/.source],
      commands: [
        /^nginx: (master|worker|cache manager|cache loader) process/.source,
        /^(\S*\/)?(nginx|openresty)(\s|$)/.source,
      ],
      masterTitle: /^nginx: master process/.source,
      ports: [80, 443],
    },
    reload: [
      { kind: 'signal', signal: 'HUP', target: 'master' },
      {
        kind: 'exec',
        command: ['nginx', '-s', 'reload'],
        note: 'Sends SIGHUP to the master whose PID is in the pid file of nginx.conf.',
      },
    ],
    configTest: { command: ['nginx', '-t'] },
    configPaths: [
      '/etc/nginx/nginx.conf',
      '/etc/nginx/conf.d/',
      '/usr/local/openresty/nginx/conf/nginx.conf',
    ],
    cannotReload: [
      'A new `listen` on a port below 1024 when the master does not run as root (the nginx-unprivileged images) (K).',
    ],
    caveats: [
      'The master re-reads and checks the configuration, opens new listen sockets and starts new workers; on an error it rolls back and keeps the old configuration (V).',
      'Old workers linger while long connections last; bound them with worker_shutdown_timeout (K).',
      'Host names in proxy_pass are resolved when the configuration loads, so a DNS stall can make the reload fail (K).',
      'OpenResty is nginx: the same signals and commands apply.',
    ],
    signalsToAvoid: [
      { signal: 'USR2', why: 'starts a binary upgrade (a second master), not a reload (V)' },
      { signal: 'QUIT', why: 'graceful shutdown (V)' },
      { signal: 'TERM', why: 'fast shutdown (V)' },
    ],
    sources: [
      'https://nginx.org/en/docs/control.html',
      'docs.nginx.com NGINX admin guide, runtime-control (V)',
    ],
  },
  {
    id: 'apache-httpd',
    name: 'Apache httpd',
    detect: {
      images: [/(^|\/)httpd$/.source, /(^|\/)php:[^/]*apache[^/]*$/.source],
      // BusyBox has an httpd of its own (`httpd -f -p 8080`): Apache has no -p, so a port flag rules it out.
      commands: [/^(\S*\/)?(httpd|apache2)(?!.*\s-p\s*\d)(\s|$)/.source],
      ports: [80, 443],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'USR1',
        target: 'master',
        note: 'Graceful restart (`apachectl -k graceful`): children finish their requests (K).',
      },
      { kind: 'exec', command: ['apachectl', '-k', 'graceful'], note: '(K)' },
    ],
    configTest: { command: ['apachectl', 'configtest'], note: 'or `httpd -t` (K)' },
    configPaths: ['/usr/local/apache2/conf/httpd.conf', '/etc/apache2/apache2.conf'],
    cannotReload: [],
    caveats: [
      'A graceful restart applies the whole configuration, Listen included (K).',
      'The official image stops with SIGWINCH (STOPSIGNAL, graceful stop) (K).',
    ],
    signalsToAvoid: [
      {
        signal: 'HUP',
        why: '`apachectl -k restart`: the children are killed at once, requests in flight are cut (K)',
      },
      { signal: 'WINCH', why: 'graceful stop, not a reload (K)' },
    ],
    sources: ['https://httpd.apache.org/docs/2.4/stopping.html'],
  },
  {
    id: 'caddy',
    name: 'Caddy',
    detect: {
      images: [/(^|\/)caddy$/.source],
      commands: [/^(\S*\/)?caddy\s+run(\s|$)/.source],
      ports: [80, 443],
    },
    reload: [
      {
        kind: 'exec',
        command: ['caddy', 'reload', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'],
        note: 'POSTs the configuration to the admin API /load (default localhost:2019) (V). The paths are those of the official image: use the --config and --adapter of the running command line when they differ.',
      },
      {
        kind: 'http',
        method: 'POST',
        port: 2019,
        path: '/load',
        preconditions: [
          'the admin API is enabled (default localhost:2019; `admin off` removes it)',
          'the request body is the complete new configuration',
        ],
      },
      {
        kind: 'signal',
        signal: 'USR1',
        target: 'main',
        note: 'Only releases that include caddyserver/caddy#7258 (merged 2025-09), only when started with `caddy run --config` and never changed through the API; older Caddy 2 ignores signals by design (#3967) (V).',
      },
    ],
    configTest: {
      command: ['caddy', 'validate', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'],
      note: '(K)',
    },
    configPaths: ['/etc/caddy/Caddyfile'],
    cannotReload: [],
    caveats: [
      'A reload is zero-downtime in most cases (V).',
      'With the admin API off there is no reload: restart.',
    ],
    signalsToAvoid: [],
    sources: [
      'https://github.com/caddyserver/caddy/pull/7258',
      'https://github.com/caddyserver/caddy/issues/3967',
      'manpages.ubuntu.com caddy-reload(1) (V)',
    ],
  },
];
