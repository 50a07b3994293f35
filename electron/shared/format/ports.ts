import type { ContainerPort } from '../contract';

/**
 * Ports as people read them: `127.0.0.1:8080→80/tcp` when published, `80/tcp` when not. The engine lists
 * a port published on all interfaces twice (0.0.0.0 and ::); it is shown once.
 */
export function formatPorts(ports: readonly ContainerPort[]): string[] {
  const seen = new Set<string>();
  const published: ContainerPort[] = [];
  const unpublished: ContainerPort[] = [];
  for (const port of ports) {
    const key = `${port.publicPort ?? ''}:${port.privatePort}/${port.type}`;
    const shownIp = port.ip === '::' ? '0.0.0.0' : port.ip;
    const exact = `${shownIp ?? ''}|${key}`;
    if (seen.has(exact)) continue;
    seen.add(exact);
    (port.publicPort === undefined ? unpublished : published).push({
      ...port,
      ...(shownIp ? { ip: shownIp } : {}),
    });
  }
  const byNumber = (a: ContainerPort, b: ContainerPort): number =>
    (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
    a.privatePort - b.privatePort ||
    a.type.localeCompare(b.type);
  const publishedText = published
    .sort(byNumber)
    .map((p) => `${hostPart(p)}${p.publicPort}→${p.privatePort}/${p.type}`);
  const publishedPrivate = new Set(published.map((p) => `${p.privatePort}/${p.type}`));
  const unpublishedText = unpublished
    .sort(byNumber)
    .map((p) => `${p.privatePort}/${p.type}`)
    .filter((text) => !publishedPrivate.has(text));
  return [...publishedText, ...unpublishedText];
}

function hostPart(port: ContainerPort): string {
  if (!port.ip) return '';
  return port.ip.includes(':') ? `[${port.ip}]:` : `${port.ip}:`;
}

/** The first published port, for sorting (containers without one sort last). */
export function firstPublicPort(ports: readonly ContainerPort[]): number {
  let first = Number.POSITIVE_INFINITY;
  for (const port of ports)
    if (port.publicPort !== undefined && port.publicPort < first) first = port.publicPort;
  return first;
}
