import { describe, expect, it } from 'vitest';
import { firstPublicPort, formatPorts } from './ports';

describe('formatPorts', () => {
  it('shows published ports as ip:public→private/proto and unpublished ones as private/proto', () => {
    expect(
      formatPorts([
        { privatePort: 443, type: 'tcp' },
        { privatePort: 80, publicPort: 8080, ip: '127.0.0.1', type: 'tcp' },
      ]),
    ).toEqual(['127.0.0.1:8080→80/tcp', '443/tcp']);
  });

  it('shows a port published on all interfaces once, not once per address family', () => {
    expect(
      formatPorts([
        { privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' },
        { privatePort: 80, publicPort: 8080, ip: '::', type: 'tcp' },
      ]),
    ).toEqual(['0.0.0.0:8080→80/tcp']);
  });

  it('brackets IPv6 addresses, keeps udp apart, and sorts by port', () => {
    expect(
      formatPorts([
        { privatePort: 53, publicPort: 5353, ip: '::1', type: 'udp' },
        { privatePort: 53, publicPort: 5353, ip: '::1', type: 'tcp' },
        { privatePort: 22, publicPort: 2222, type: 'tcp' },
      ]),
    ).toEqual(['2222→22/tcp', '[::1]:5353→53/tcp', '[::1]:5353→53/udp']);
  });

  it('finds the first published port for sorting; none sorts last', () => {
    expect(firstPublicPort([{ privatePort: 80, type: 'tcp' }])).toBe(Number.POSITIVE_INFINITY);
    expect(
      firstPublicPort([
        { privatePort: 80, publicPort: 9000, type: 'tcp' },
        { privatePort: 81, publicPort: 8000, type: 'tcp' },
      ]),
    ).toBe(8000);
  });
});
