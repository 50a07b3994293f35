import type { ProgramEntry } from './schema';

// Reference §1.2, PHP, Python and Ruby application-server rows. "(V)" = checked by the reference,
// "(K)" = background knowledge.

export const APP_SERVERS: ProgramEntry[] = [
  {
    id: 'php-fpm',
    name: 'php-fpm',
    detect: {
      images: [/(^|\/)php:[^/]*fpm[^/]*$/.source, /(^|\/)php-fpm$/.source],
      commands: [/^(\S*\/)?php-fpm[\d.]*(:|\s|$)/.source],
      masterTitle: /^php-fpm[\d.]*: master process/.source,
      ports: [9000],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'USR2',
        target: 'master',
        note: 'Graceful: re-execs, re-reads the configuration and keeps the listen socket (V).',
      },
    ],
    configTest: { command: ['php-fpm', '-t'] },
    configPaths: ['/usr/local/etc/php-fpm.conf', '/usr/local/etc/php-fpm.d/', '/usr/local/etc/php/php.ini'],
    cannotReload: [],
    caveats: ['SIGUSR1 reopens the log files (V).'],
    signalsToAvoid: [{ signal: 'QUIT', why: 'graceful stop, not a reload (V)' }],
    sources: ['php-fpm signal lists (several, V)', 'https://www.php.net/manual/en/install.fpm.php (K)'],
  },
  {
    id: 'gunicorn',
    name: 'Gunicorn',
    detect: {
      images: [],
      commands: [
        /^gunicorn: (master|worker)/.source,
        /^((\S*\/)?python[\d.]*\s+(-\S+\s+)*)?(\S*\/)?gunicorn(\s|$)/.source,
      ],
      masterTitle: /^gunicorn: master/.source,
      ports: [8000],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'HUP',
        target: 'master',
        note: 'Reloads the configuration and starts new workers while the old ones finish; the application code reloads only without preload_app (V).',
      },
    ],
    configTest: {
      command: ['gunicorn', '--check-config'],
      note: 'Add the application module and options of the running command line (K).',
    },
    configPaths: [],
    cannotReload: [
      'With preload_app the application code: use USR2 (a new master), then TERM the old master (V).',
    ],
    caveats: [
      'Without setproctitle the master and the workers share one command line; the master is the parent.',
    ],
    signalsToAvoid: [
      {
        signal: 'USR2',
        why: 'starts a second master; when the old master is PID 1 and then exits, the container stops (K)',
      },
    ],
    sources: ['gunicorn.org/signals (V)'],
  },
  {
    id: 'uwsgi',
    name: 'uWSGI',
    detect: {
      images: [],
      commands: [/^(\S*\/)?uwsgi(\s|$)/.source],
      ports: [],
    },
    reload: [{ kind: 'signal', signal: 'HUP', target: 'master', note: 'Graceful reload (V).' }],
    configPaths: [],
    cannotReload: [],
    caveats: [
      '--touch-reload <file> reloads when the file is touched; --reload <pidfile> sends the reload (V).',
      'Run with --die-on-term so that docker stop stops it (V).',
    ],
    signalsToAvoid: [{ signal: 'TERM', why: 'a brutal reload by default, not a stop (V)' }],
    sources: ['https://uwsgi-docs.readthedocs.io/en/latest/Management.html'],
  },
  {
    id: 'puma',
    name: 'Puma',
    detect: {
      images: [],
      commands: [/^((\S*\/)?ruby[\d.]*\s+(-\S+\s+)*)?(\S*\/)?puma(:|\s|$)/.source],
      masterTitle: /^puma \d/.source,
      ports: [9292],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'USR2',
        target: 'master',
        note: 'Hot restart: re-execs and re-reads the configuration; the PID stays, so it is fine as PID 1 (V).',
      },
      { kind: 'exec', command: ['pumactl', 'restart'], note: 'Needs the control server or state file (V).' },
      {
        kind: 'http',
        method: 'GET',
        path: '/restart',
        preconditions: ['the control app enabled (--control-url) and its token (--control-token)'],
        note: 'Hot restart through the control app (V).',
      },
    ],
    configPaths: [],
    cannotReload: [
      'A phased restart (SIGUSR1, cluster mode) reloads the code only, not the configuration, and not with preload_app! (K).',
    ],
    caveats: [],
    signalsToAvoid: [],
    sources: ['https://github.com/puma/puma/blob/main/docs/restart.md'],
  },
  {
    id: 'unicorn',
    name: 'Unicorn',
    detect: {
      images: [],
      commands: [
        /^unicorn(_rails)? (master|worker)/.source,
        /^((\S*\/)?ruby[\d.]*\s+(-\S+\s+)*)?(\S*\/)?unicorn(_rails)?(\s|$)/.source,
      ],
      masterTitle: /^unicorn(_rails)? master/.source,
      ports: [8080],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'HUP',
        target: 'master',
        note: 'Reloads the configuration and restarts the workers gracefully (K).',
      },
    ],
    configPaths: [],
    cannotReload: ['The application code, when it is preloaded (K).'],
    caveats: [],
    signalsToAvoid: [{ signal: 'USR2', why: 're-executes the binary (a new master), not a reload (K)' }],
    sources: ['https://yhbt.net/unicorn/SIGNALS.html (K)'],
  },
];
