import { describe, expect, it } from 'vitest';
import { fakeNetwork } from '../testing/fake-resources';
import { hex, inspectDoc } from '../testing/map-fixtures';
import { buildNetworkMap } from './network-map';
import type { MapInspect } from './docker-inspect';

const front = fakeNetwork('n1', 'front', { subnets: [{ subnet: '172.30.0.0/24' }] });
const back = fakeNetwork('n2', 'back', { subnets: [{ subnet: '172.31.0.0/24' }] });
const quiet = fakeNetwork('n3', 'quiet', { options: { 'com.docker.network.bridge.enable_icc': 'false' } });
const hostNet = fakeNetwork('nh', 'host', { driver: 'host' });
const noneNet = fakeNetwork('nn', 'none', { driver: 'null' });
const bridge = fakeNetwork('nb', 'bridge', { options: { 'com.docker.network.bridge.enable_icc': 'true' } });

function on(network: { id: string; name: string }, ip: string, aliases: string[] = [], running = true) {
  return {
    [network.name]: {
      NetworkID: running ? network.id : '',
      EndpointID: running ? `ep-${ip}` : '',
      IPAddress: running ? ip : '',
      IPPrefixLen: 24,
      Aliases: aliases,
      DNSNames: running ? [...aliases, hex(0).slice(0, 12)] : null,
    },
  };
}

const map = (inspects: MapInspect[], networks = [front, back, quiet, hostNet, noneNet, bridge]) =>
  buildNetworkMap({ connectionId: 'lab', inspects, networks });

describe('buildNetworkMap', () => {
  it('links containers to networks with addresses and aliases, and reaches through a bridge container, not around it', () => {
    const a = inspectDoc(hex(1), 'a', {
      networkMode: 'front',
      networks: on(front, '172.30.0.2', ['a', 'web']),
    });
    const b = inspectDoc(hex(2), 'b', {
      networkMode: 'front',
      networks: { ...on(front, '172.30.0.3'), ...on(back, '172.31.0.3') },
    });
    const c = inspectDoc(hex(3), 'c', { networkMode: 'back', networks: on(back, '172.31.0.4') });
    const result = map([a, b, c]);
    const edge = result.edges.find((e) => e.from === `container:${hex(1)}`)!;
    expect(edge).toMatchObject({ kind: 'network', to: 'network:n1', label: '172.30.0.2/24' });
    expect(edge.aliases).toEqual(['a', 'web']);
    expect(result.nodes.find((n) => n.id === 'network:n1')?.facts).toContainEqual({
      name: 'subnet',
      value: '172.30.0.0/24',
    });
    expect(result.reachability.pairs).toEqual([
      { from: hex(1), to: hex(2), via: ['front'], live: true },
      { from: hex(2), to: hex(3), via: ['back'], live: true },
    ]);
    // Networks nobody is on are not drawn.
    expect(result.nodes.some((n) => n.id === 'network:n3')).toBe(false);
  });

  it('gives no reach over a network with ICC off, and says so on the node', () => {
    const a = inspectDoc(hex(1), 'a', { networks: on(quiet, '10.9.0.2') });
    const b = inspectDoc(hex(2), 'b', { networks: on(quiet, '10.9.0.3') });
    const result = map([a, b]);
    expect(result.reachability.pairs).toEqual([]);
    expect(result.nodes.find((n) => n.id === 'network:n3')?.facts).toContainEqual({
      name: 'inter-container traffic',
      value: 'blocked (com.docker.network.bridge.enable_icc=false)',
    });
    expect(result.flags.some((f) => f.kind === 'flat-network')).toBe(false);
  });

  it('handles host, none and a borrowed namespace honestly', () => {
    const h = inspectDoc(hex(1), 'h', {
      networkMode: 'host',
      networks: { host: { NetworkID: 'nh', EndpointID: 'e' } },
    });
    const n = inspectDoc(hex(2), 'n', {
      networkMode: 'none',
      networks: { none: { NetworkID: 'nn', EndpointID: 'e' } },
    });
    const app = inspectDoc(hex(3), 'app', { networks: on(front, '172.30.0.5') });
    const side = inspectDoc(hex(4), 'side', { networkMode: `container:${hex(3)}` });
    const peer = inspectDoc(hex(5), 'peer', { networks: on(front, '172.30.0.6') });
    const result = map([h, n, app, side, peer]);
    const modes = Object.fromEntries(result.reachability.containers.map((c) => [c.name, c.mode]));
    expect(modes).toEqual({ h: 'host', n: 'none', app: 'networks', side: 'container', peer: 'networks' });
    expect(result.reachability.containers.find((c) => c.name === 'h')?.note).toMatch(
      /host's own network stack/,
    );
    expect(result.reachability.containers.find((c) => c.name === 'side')?.sharesWith).toBe('app');
    expect(result.reachability.pairs).toEqual([
      { from: hex(3), to: hex(4), via: ['shared namespace of app'], live: true },
      { from: hex(3), to: hex(5), via: ['front'], live: true },
      { from: hex(4), to: hex(5), via: ['front'], live: true },
    ]);
    expect(result.flags.map((f) => f.kind)).toEqual(['host-network']);
    expect(result.flags[0]!.nodes).toEqual([`container:${hex(1)}`, 'network:nh']);
  });

  it('marks ports published on every interface as exposed, and admin ports high', () => {
    const web = inspectDoc(hex(1), 'web', {
      networks: on(bridge, '172.17.0.2'),
      ports: {
        '80/tcp': [
          { HostIp: '0.0.0.0', HostPort: '8080' },
          { HostIp: '::', HostPort: '8080' },
        ],
        '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '8443' }],
        '9000/tcp': null,
      },
    });
    const db = inspectDoc(hex(2), 'db', {
      status: 'exited',
      networks: on(bridge, '', [], false),
      portBindings: { '5432/tcp': [{ HostIp: '', HostPort: '5432' }] },
    });
    const result = map([web, db]);
    const ports = result.nodes.filter((n) => n.kind === 'port').map((n) => n.label);
    expect(ports.sort()).toEqual(['*:5432', '0.0.0.0:8080', '127.0.0.1:8443', ':::8080']);
    const exposed = result.flags.filter((f) => f.kind === 'exposed-port');
    expect(exposed.map((f) => [f.containers[0]!.name, f.severity])).toEqual([
      ['db', 'high'],
      ['web', 'medium'],
    ]);
    expect(exposed[1]!.title).toBe('web publishes 8080→80/tcp on every interface');
    expect(exposed[0]!.evidence[0]!.field).toBe('HostConfig.PortBindings["5432/tcp"][].HostIp');
    // A stopped container on the default bridge: configured, not live.
    expect(result.reachability.pairs).toEqual([{ from: hex(1), to: hex(2), via: ['bridge'], live: false }]);
  });

  it('flags a network that joins different compose projects, not one project alone', () => {
    const project = (name: string) => ({ 'com.docker.compose.project': name });
    const shop = inspectDoc(hex(1), 'shop-web', {
      labels: project('shop'),
      networks: on(front, '172.30.0.2'),
    });
    const shopDb = inspectDoc(hex(2), 'shop-db', {
      labels: project('shop'),
      networks: on(front, '172.30.0.3'),
    });
    expect(map([shop, shopDb]).flags).toEqual([]);
    const blog = inspectDoc(hex(3), 'blog', { labels: project('blog'), networks: on(front, '172.30.0.4') });
    const flat = map([shop, shopDb, blog]).flags;
    expect(flat).toHaveLength(1);
    expect(flat[0]).toMatchObject({
      kind: 'flat-network',
      severity: 'medium',
      title: 'Network front joins 2 projects: blog, shop',
    });
    const internal = fakeNetwork('n1', 'front', { internal: true });
    expect(map([shop, blog], [internal]).flags).toEqual([]);
  });
});
