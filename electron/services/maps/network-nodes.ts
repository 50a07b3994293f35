import type { Publication } from './network-facts';

export const networkNodeId = (id: string): string => `network:${id}`;

/** One node per host address and port (a container can publish the same port on two addresses). */
export const portNodeId = (containerId: string, p: Publication): string =>
  `port:${containerId}:${p.hostIp || '*'}:${p.hostPort}:${p.containerPort}`;
