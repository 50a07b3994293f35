import type { ProgramEntry } from './schema';

// Reference §1.2, proxy and cache rows. "(V)" = checked by the reference, "(K)" = background knowledge.

export const PROXIES: ProgramEntry[] = [
  {
    id: 'haproxy',
    name: 'HAProxy',
    detect: {
      images: [/(^|\/)haproxy(-[a-z]+)?$/.source],
      commands: [/^(\S*\/)?haproxy(\s|$)/.source],
      ports: [],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'USR2',
        target: 'master',
        note: 'Master-worker mode only (`-W`, `-Ws` or `master-worker` in global; the official image starts with -W): the master re-execs and re-reads the configuration. Without a master, HAProxy ignores USR2 (V).',
      },
      { kind: 'signal', signal: 'HUP', target: 'master', note: 'Same as USR2 in master-worker mode (V).' },
    ],
    configTest: {
      command: ['haproxy', '-c', '-f', '/usr/local/etc/haproxy/haproxy.cfg'],
      note: 'The path of the official image: use the -f of the running command line when it differs.',
    },
    configPaths: ['/usr/local/etc/haproxy/haproxy.cfg', '/etc/haproxy/haproxy.cfg'],
    cannotReload: [],
    caveats: [
      'Listening sockets pass to the new worker without a gap only with `expose-fd listeners` or `-x` (V).',
      'Old workers keep serving long connections; bound them with hard-stop-after (K).',
      'The runtime API (set server, maps, ACLs, certificates) changes many things without any reload (K).',
    ],
    signalsToAvoid: [],
    sources: [
      'haproxy mailing list (formilux) msg26241, msg26283 (V)',
      'https://docs.haproxy.org/ management guide (K)',
    ],
  },
  {
    id: 'traefik',
    name: 'Traefik',
    detect: {
      images: [/(^|\/)traefik$/.source],
      commands: [/^(\S*\/)?traefik(\s|$)/.source],
      ports: [80, 8080],
    },
    reload: [],
    configPaths: ['/etc/traefik/traefik.yml', '/etc/traefik/traefik.yaml', '/etc/traefik/traefik.toml'],
    cannotReload: ['The static configuration (entryPoints, providers, API) needs a restart (K).'],
    caveats: [
      'Dynamic configuration (routers, services, middlewares, certificates) is applied live by the providers; the file provider watches its directory, so nothing has to be sent (V).',
      'Traefik validates its configuration when it starts; there is no separate config test.',
      'A SIGHUP reload for the file provider was proposed (traefik#9993); do not rely on it (V).',
    ],
    signalsToAvoid: [],
    sources: [
      'https://doc.traefik.io/traefik/providers/file/',
      'https://github.com/traefik/traefik/pull/9993',
    ],
  },
  {
    id: 'envoy',
    name: 'Envoy',
    detect: {
      images: [/^envoyproxy\/envoy(-[a-z-]+)?$/.source],
      commands: [
        /^(\S*\/)?envoy(\s|$)/.source,
        /^((\S*\/)?python[\d.]*\s+(-\S+\s+)*)?(\S*\/)?hot-restarter\.py(\s|$)/.source,
      ],
      ports: [10000, 9901],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'HUP',
        target: 'master',
        note: 'A hot restart, only when Envoy runs under hot-restarter.py: send it to the restarter, which starts the next --restart-epoch (V). A plain envoy process has no signal reload.',
      },
    ],
    configTest: { command: ['envoy', '--mode', 'validate', '-c', '/etc/envoy/envoy.yaml'], note: '(K)' },
    configPaths: ['/etc/envoy/envoy.yaml'],
    cannotReload: ['Bootstrap configuration changes need a hot restart (V).'],
    caveats: [
      'Dynamic configuration arrives through xDS or filesystem-watched files without any reload (K).',
      'A hot restart replaces the envoy process (a new PID); the restarter keeps its PID.',
      'SIGUSR1 to the restarter reopens the access logs (V).',
    ],
    signalsToAvoid: [],
    sources: ['https://www.envoyproxy.io/docs/envoy/latest/operations/hot_restarter'],
  },
  {
    id: 'varnish',
    name: 'Varnish',
    detect: {
      images: [/(^|\/)varnish$/.source],
      commands: [/^(\S*\/)?varnishd(\s|$)/.source],
      ports: [80],
    },
    reload: [
      {
        kind: 'exec',
        command: ['varnishreload'],
        note: 'Loads and switches to the current VCL; by hand: `varnishadm vcl.load <name> <file>` then `vcl.use <name>` (K).',
      },
    ],
    configTest: {
      command: ['varnishd', '-C', '-f', '/etc/varnish/default.vcl'],
      note: 'compiles the VCL (K)',
    },
    configPaths: ['/etc/varnish/default.vcl'],
    cannotReload: ['`-a` listen addresses (K)', '`-s` storage (K)'],
    caveats: ['VCL and `param.set` apply live (K).'],
    signalsToAvoid: [],
    sources: ['varnish-cache.org/docs/…/reference/varnishadm.html (K)'],
  },
  {
    id: 'squid',
    name: 'Squid',
    detect: {
      images: [/(^|\/)squid$/.source],
      commands: [/^(\S*\/)?squid(\s|$)/.source, /^\(squid-\d+\)/.source],
      ports: [3128],
    },
    reload: [
      { kind: 'exec', command: ['squid', '-k', 'reconfigure'], note: '(K)' },
      { kind: 'signal', signal: 'HUP', target: 'master', note: 'what `squid -k reconfigure` sends (K)' },
    ],
    configTest: { command: ['squid', '-k', 'parse'] },
    configPaths: ['/etc/squid/squid.conf'],
    cannotReload: ['Some directives, e.g. `workers` and the `cache_dir` type, need a restart (K).'],
    caveats: [],
    signalsToAvoid: [],
    sources: ['https://wiki.squid-cache.org/ (K)'],
  },
];
