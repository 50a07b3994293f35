import type { Evidence, Fact, Severity } from '../workload';

/** One evidence item: the field and its value as people read it. */
export function evidence(field: string, value: unknown, severity?: Severity): Evidence {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return severity ? { field, value: shown, severity } : { field, value: shown };
}

/** The fact as evidence when `when` holds for its value, else nothing. */
export function when<T>(
  fact: Fact<T> | undefined,
  holds: (value: T) => boolean,
  severity?: Severity,
): Evidence[] {
  return fact && holds(fact.value) ? [evidence(fact.field, fact.value, severity)] : [];
}

/** Capability names as the engine may spell them (cap_sys_admin, CAP_SYS_ADMIN, SYS_ADMIN) in one form. */
export function capName(name: string): string {
  return name.toUpperCase().replace(/^CAP_/, '');
}

/** A host path with duplicate and trailing slashes, `.` and `..` resolved (no symlinks: the host is remote). */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

const DATABASE_IMAGE =
  /(^|\/)(postgres|postgis|timescaledb|mysql|mariadb|percona|mongo|redis|valkey|elasticsearch|opensearch|cassandra|couchdb|influxdb|clickhouse|cockroach|neo4j|rabbitmq|etcd|zookeeper|kafka)[^/]*(:|@|$)/i;
const DATABASE_DIR =
  /^\/(var\/lib\/(postgresql|mysql|mongodb|redis|elasticsearch|cassandra|couchdb|influxdb|clickhouse|rabbitmq|etcd|zookeeper|kafka)|data\/db|bitnami\/(postgresql|mysql|mariadb|mongodb|redis))(\/|$)/;

/** Whether an image or a mount destination looks like a database's (for the escalations of R05, R06). */
export function looksLikeDatabase(image: string, destination?: string): boolean {
  return DATABASE_IMAGE.test(image) || (destination !== undefined && DATABASE_DIR.test(destination));
}
