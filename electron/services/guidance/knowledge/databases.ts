import type { ProgramEntry } from './schema';

// Reference §1.2, database rows. "(V)" = checked by the reference, "(K)" = background knowledge.

/**
 * Fails (psql exits non-zero) with file, line and error of every entry that pg_file_settings or
 * pg_hba_file_rules (PostgreSQL ≥ 10) cannot apply; a changed `postmaster` setting shows up here as
 * "setting could not be applied", which is the "needs a restart" answer. concat() because a NULL
 * column would otherwise erase the whole line from string_agg.
 */
const PG_CONFIG_CHECK = [
  'DO $$DECLARE problems text; BEGIN',
  "SELECT string_agg(line, '; ') INTO problems FROM (",
  "SELECT concat(sourcefile, ':', sourceline, ': ', error) AS line FROM pg_file_settings WHERE error IS NOT NULL",
  'UNION ALL',
  "SELECT concat('pg_hba.conf:', line_number, ': ', error) FROM pg_hba_file_rules WHERE error IS NOT NULL",
  ') AS p;',
  "IF problems IS NOT NULL THEN RAISE EXCEPTION 'configuration errors: %', problems; END IF;",
  'END$$',
].join(' ');

export const DATABASES: ProgramEntry[] = [
  {
    id: 'postgresql',
    name: 'PostgreSQL',
    detect: {
      images: [/(^|\/)postgres(ql)?$/.source, /(^|\/)postgis$/.source],
      commands: [/^(\S*\/)?postgres(:|\s|$)/.source, /^(\S*\/)?postmaster(\s|$)/.source],
      ports: [5432],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'HUP',
        target: 'master',
        note: 'To the postmaster (the parent of the `postgres: …` processes); `pg_ctl reload` does the same as the postgres user (V).',
      },
      {
        kind: 'exec',
        command: ['psql', '-U', 'postgres', '-c', 'SELECT pg_reload_conf()'],
        note: 'Returns true once the signal is sent, not when it is applied (V). Connect as the POSTGRES_USER of the container when it is not postgres.',
      },
    ],
    configTest: {
      command: ['psql', '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', PG_CONFIG_CHECK],
      note: 'Reads pg_file_settings and pg_hba_file_rules (PG ≥ 10) for entries with an error (K). Connect as the POSTGRES_USER of the container when it is not postgres.',
    },
    configPaths: [
      '/var/lib/postgresql/data/postgresql.conf',
      '/var/lib/postgresql/data/pg_hba.conf',
      '/etc/postgresql/postgresql.conf',
    ],
    cannotReload: [
      'Settings whose pg_settings.context is `postmaster` (shared_buffers, max_connections, listen_addresses, port, …) need a restart (V).',
    ],
    caveats: [
      'Settings of context `sighup` apply on reload; `user` and `superuser` settings can also be SET per session (V).',
      'pg_settings.pending_restart marks settings changed in the file but not applied (PG ≥ 9.5) (K).',
      'pg_hba.conf is re-read on SIGHUP.',
    ],
    signalsToAvoid: [],
    sources: [
      'https://www.postgresql.org/docs/current/view-pg-settings.html',
      'https://www.postgresql.org/docs/current/view-pg-file-settings.html',
      'postgresql.org documentation patch on pg_reload_conf() (V)',
    ],
  },
  {
    id: 'mysql',
    name: 'MySQL',
    detect: {
      images: [/(^|\/)mysql(-server)?$/.source],
      commands: [/^(\S*\/)?mysqld(\s|$)/.source],
      ports: [3306, 33060],
    },
    reload: [],
    configTest: { command: ['mysqld', '--validate-config'], note: 'MySQL 8.0.16 and later (K).' },
    configPaths: ['/etc/my.cnf', '/etc/mysql/my.cnf', '/etc/mysql/conf.d/'],
    cannotReload: ['my.cnf is never re-read: a change to the file needs a restart (K).'],
    caveats: [
      'Dynamic variables change at runtime with SET GLOBAL; SET PERSIST (8.0) keeps them across restarts (K).',
      'SIGHUP reloads the grant tables and flushes tables, logs and caches, it does not re-read my.cnf (deprecated in 9.x); SIGUSR1 flushes the logs (V).',
    ],
    signalsToAvoid: [],
    sources: ['https://dev.mysql.com/doc/refman/8.4/en/unix-signal-response.html'],
  },
  {
    id: 'mariadb',
    name: 'MariaDB',
    detect: {
      images: [/(^|\/)mariadb$/.source],
      commands: [/^(\S*\/)?mariadbd(\s|$)/.source],
      ports: [3306],
    },
    reload: [],
    configPaths: ['/etc/mysql/my.cnf', '/etc/mysql/conf.d/', '/etc/mysql/mariadb.conf.d/'],
    cannotReload: ['The config file is never re-read: a change needs a restart (K).'],
    caveats: [
      'Same model as MySQL: dynamic variables with SET GLOBAL, the same signals (K).',
      'No config test is documented (K).',
      'Before 10.5 the server runs as `mysqld`, so its process looks like MySQL; the image tells them apart.',
    ],
    signalsToAvoid: [],
    sources: ['https://mariadb.com/kb (K)'],
  },
  {
    id: 'mongodb',
    name: 'MongoDB',
    detect: {
      images: [/(^|\/)mongo$/.source, /(^|\/)mongodb-(community|enterprise)-server$/.source],
      commands: [/^(\S*\/)?mongod(\s|$)/.source],
      ports: [27017],
    },
    reload: [],
    configPaths: ['/etc/mongo/mongod.conf', '/etc/mongod.conf'],
    cannotReload: ['The config file is never re-read: a change needs a restart.'],
    caveats: [
      'Runtime parameters change with setParameter (K).',
      'SIGUSR1 rotates the log, it does not reload anything (K).',
    ],
    signalsToAvoid: [],
    sources: ['https://www.mongodb.com/docs/manual/reference/parameters/ (K)'],
  },
];
