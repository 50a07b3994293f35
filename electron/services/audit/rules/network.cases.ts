import { BRIDGE } from '../inspect-fixture';
import { d, plain, published, onBridge, type Case } from './case-kit';

/** Cases of the network rules. */
export const networkCases: Record<string, Case> = {
  R07: {
    fires: [
      {
        name: 'host network',
        make: () => d({ HostConfig: { NetworkMode: 'host' } }),
        severity: 'high',
        field: 'HostConfig.NetworkMode',
        value: 'host',
      },
    ],
    quiet: [{ name: 'own network', make: () => d() }],
  },
  R25: {
    fires: [
      {
        name: '0.0.0.0',
        make: () => d(published('80/tcp', '0.0.0.0', '8080')),
        severity: 'medium',
        field: 'NetworkSettings.Ports["80/tcp"][0].HostIp',
        value: '0.0.0.0 → host port 8080',
      },
      {
        name: 'a database on ::',
        make: () => d(published('5432/tcp', '::', '15432')),
        severity: 'high',
        field: 'NetworkSettings.Ports["5432/tcp"][0].HostIp',
        value: '::',
      },
      {
        name: 'a stopped container binds every interface on start',
        make: () =>
          d({
            State: { Running: false, Status: 'exited' },
            HostConfig: { PortBindings: { '6379/tcp': [{ HostIp: '', HostPort: '6379' }] } },
          }),
        severity: 'high',
        field: 'HostConfig.PortBindings["6379/tcp"][0].HostIp',
        value: 'every interface',
      },
    ],
    quiet: [
      { name: 'loopback', make: () => d(published('5432/tcp', '127.0.0.1', '5432')) },
      { name: 'exposed, not published', make: () => d({ NetworkSettings: { Ports: { '80/tcp': null } } }) },
    ],
  },
  R26: {
    fires: [
      {
        name: 'port 80 even on loopback',
        make: () => d(published('8080/tcp', '127.0.0.1', '80')),
        severity: 'low',
        field: 'NetworkSettings.Ports["8080/tcp"][0].HostPort',
        value: '80',
      },
    ],
    quiet: [{ name: '8080', make: () => d(published('80/tcp', '127.0.0.1', '8080')) }],
  },
  R27: {
    fires: [
      {
        name: 'default bridge',
        make: () => plain(),
        severity: 'low',
        field: 'NetworkSettings.Networks.bridge',
        value: 'bridge',
      },
    ],
    quiet: [{ name: 'own network', make: () => d() }],
  },
  R28: {
    fires: [
      {
        name: 'a standalone container beside a compose project',
        make: () => onBridge(['shop']),
        severity: 'medium',
        field: 'NetworkSettings.Networks.bridge',
        value: 'project shop',
      },
    ],
    quiet: [
      { name: 'one project only', make: () => onBridge(['shop', 'shop'], BRIDGE, 'shop') },
      {
        name: 'ICC off',
        make: () =>
          onBridge(['shop'], { ...BRIDGE, options: { 'com.docker.network.bridge.enable_icc': 'false' } }),
      },
      { name: 'internal network', make: () => onBridge(['shop'], { ...BRIDGE, internal: true }) },
    ],
  },
};
