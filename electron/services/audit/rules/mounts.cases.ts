import { hardenedDoc, workloadOf } from '../inspect-fixture';
import { alone, d, bind, volumeMount, sharing, type Case } from './case-kit';

/** Cases of the mounts rules. */
export const mountsCases: Record<string, Case> = {
  R02: {
    fires: [
      {
        name: 'docker.sock anywhere',
        make: () => d({ Mounts: [bind('/run/bosun-test/docker.sock', true, '/var/run/docker.sock')] }),
        severity: 'critical',
        field: 'Mounts[0].Source',
        value: '/run/bosun-test/docker.sock',
      },
      {
        name: 'containerd.sock read-only',
        make: () => d({ Mounts: [bind('/run/containerd/containerd.sock', false)] }),
        severity: 'critical',
        field: 'Mounts[0].Source',
        value: 'containerd.sock',
      },
    ],
    quiet: [
      {
        name: 'a file that only looks like one',
        make: () => d({ Mounts: [bind('/srv/notes/docker.sock.md', false)] }),
      },
    ],
  },
  R03: {
    fires: [
      {
        name: '/etc read-only',
        make: () => d({ Mounts: [bind('/etc', false, '/host-etc')] }),
        severity: 'high',
        field: 'Mounts[0].Source',
        value: '/etc (read-only)',
      },
      {
        name: '/ read-only is critical',
        make: () => d({ Mounts: [bind('/', false, '/host')] }),
        severity: 'critical',
        field: 'Mounts[0].Source',
        value: '/',
      },
      {
        name: '/var/run read-write is critical',
        make: () => d({ Mounts: [bind('/var/run/', true, '/host-run')] }),
        severity: 'critical',
        field: 'Mounts[0].Source',
        value: 'read-write',
      },
      {
        name: 'an .ssh directory',
        make: () => d({ Mounts: [bind('/home/ann/.ssh', false, '/root/.ssh')] }),
        severity: 'high',
        field: 'Mounts[0].Source',
        value: '/home/ann/.ssh',
      },
      {
        name: 'under the engine state',
        make: () => d({ Mounts: [bind('/var/lib/docker/volumes', false)] }),
        severity: 'high',
        field: 'Mounts[0].Source',
        value: '/var/lib/docker/volumes',
      },
    ],
    quiet: [
      {
        name: 'one config file under /etc, read-only',
        make: () => d({ Mounts: [bind('/etc/nginx/conf.d', false, '/etc/nginx/conf.d')] }),
      },
      {
        name: 'a volume (its source is under /var/lib/docker, but it is not a bind)',
        make: () => d({ Mounts: [volumeMount('data', '/data')] }),
      },
    ],
  },
  R04: {
    fires: [
      {
        name: 'read-write bind',
        make: () => d({ Mounts: [bind('/srv/data', true)] }),
        severity: 'high',
        field: 'Mounts[0].Source',
        value: '/srv/data (read-write at /data)',
      },
    ],
    quiet: [
      { name: 'read-only bind', make: () => d({ Mounts: [bind('/srv/data', false)] }) },
      { name: 'read-write volume', make: () => d({ Mounts: [volumeMount('data', '/data')] }) },
    ],
  },
  R05: {
    fires: [
      {
        name: 'two writers',
        make: () => sharing('/srv/shared', true),
        severity: 'medium',
        field: 'Mounts[0].Source',
        value: 'read-write here and in',
      },
      {
        name: 'two databases',
        make: () => sharing('/srv/pg', true, ['postgres:16', 'postgres:16'], '/var/lib/postgresql/data'),
        severity: 'high',
        field: 'Mounts[0].Source',
        value: '/srv/pg',
      },
    ],
    quiet: [
      { name: 'the other reads only', make: () => sharing('/srv/shared', false) },
      { name: 'alone', make: () => d({ Mounts: [bind('/srv/shared', true)] }) },
    ],
  },
  R06: {
    fires: [
      {
        name: 'NFS through the local driver',
        make: () =>
          alone(
            workloadOf(hardenedDoc({ Mounts: [volumeMount('media', '/media')] }), {
              volumes: new Map([
                [
                  'media',
                  {
                    driver: 'local',
                    options: { type: 'nfs', o: 'addr=10.0.0.2,rw,nfsvers=4', device: ':/export/media' },
                  },
                ],
              ]),
            }),
          ),
        severity: 'medium',
        field: 'Mounts[0].Options.type',
        value: 'nfs (volume media)',
      },
      {
        name: 'a database on CIFS',
        make: () =>
          alone(
            workloadOf(
              hardenedDoc({ Config: { Image: 'mysql:8.4' }, Mounts: [volumeMount('db', '/var/lib/mysql')] }),
              {
                volumes: new Map([
                  ['db', { driver: 'local', options: { type: 'cifs', device: '//nas/db' } }],
                ]),
              },
            ),
          ),
        severity: 'high',
        field: 'Mounts[0].Options.type',
        value: 'cifs',
      },
      {
        name: 'a volume plugin',
        make: () => d({ Mounts: [volumeMount('ebs', '/data', 'rexray/ebs')] }),
        severity: 'medium',
        field: 'Mounts[0].Driver',
        value: 'rexray/ebs',
      },
    ],
    quiet: [
      {
        name: 'a plain local volume',
        make: () =>
          alone(
            workloadOf(hardenedDoc({ Mounts: [volumeMount('data', '/data')] }), {
              volumes: new Map([['data', { driver: 'local', options: {} }]]),
            }),
          ),
      },
    ],
  },
  R18: {
    fires: [
      {
        name: 'rshared',
        make: () => d({ Mounts: [bind('/mnt/disks', false, '/mnt', 'rshared')] }),
        severity: 'medium',
        field: 'Mounts[0].Propagation',
        value: 'rshared',
      },
    ],
    quiet: [{ name: 'rprivate', make: () => d({ Mounts: [bind('/mnt/disks', false, '/mnt', 'rprivate')] }) }],
  },
};
