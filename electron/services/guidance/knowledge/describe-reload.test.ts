import { describe, expect, it } from 'vitest';
import { KNOWLEDGE, describeReload, type ProgramEntry } from './index';

const entry = (id: string) => KNOWLEDGE.find((e) => e.id === id) as ProgramEntry;

describe('describeReload', () => {
  it('words a signal with its alternative command', () => {
    expect(describeReload(entry('nginx'))).toBe(
      'nginx reloads on SIGHUP to its master process (or `nginx -s reload`).',
    );
  });

  it('carries the note of the preferred method when it says more than its evidence mark', () => {
    expect(describeReload(entry('haproxy'))).toMatch(
      /^HAProxy reloads on SIGUSR2 to its master process \(or SIGHUP\)\. Master-worker mode only/,
    );
    expect(describeReload(entry('vault'))).toBe('Vault reloads on SIGHUP to its main process.');
  });

  it('words a command and an endpoint with their preconditions', () => {
    expect(describeReload(entry('caddy'))).toMatch(
      /^Caddy reloads with `caddy reload --config \/etc\/caddy\/Caddyfile --adapter caddyfile` \(or POST \/load on port 2019, or SIGUSR1\)\./,
    );
    expect(describeReload(entry('java'))).toMatch(
      /^Java \/ Spring Boot reloads through POST \/actuator\/refresh on port 8080\. It needs Spring Cloud .* and the refresh actuator endpoint exposed over HTTP\./,
    );
  });

  it('says what needs a restart when the program cannot reload in place', () => {
    expect(describeReload(entry('mongodb'))).toBe(
      'MongoDB has no reload to send. The config file is never re-read: a change needs a restart.',
    );
  });

  it('quotes command arguments that hold spaces, and shortens a long list of alternatives', () => {
    expect(describeReload(entry('postgresql'))).toMatch(
      /^PostgreSQL reloads on SIGHUP to its master process \(or `psql -U postgres -c 'SELECT pg_reload_conf\(\)'`\)\./,
    );
    expect(describeReload(entry('grafana'))).toContain(
      '(or POST /api/admin/provisioning/datasources/reload on port 3000, or POST /api/admin/provisioning/plugins/reload on port 3000, or 1 more).',
    );
  });

  it('has a sentence for every entry, starting with its name', () => {
    for (const e of KNOWLEDGE) expect(describeReload(e).startsWith(`${e.name} `), e.id).toBe(true);
  });
});
