import { AppError } from '../../shared/errors';
import type { ContainerCache } from './container-cache';
import type { ContainerEngine } from './container-engine';

/** One connection as the containers service sees it. */
export interface EngineSessionView {
  readonly id: string;
  /** The endpoint as people read it, for messages. */
  readonly endpoint: string;
  /** Resolves once the connection is not `connecting` any more (first attempt or an explicit retry), or after `withinMs`. */
  ready(signal?: AbortSignal, withinMs?: number): Promise<void>;
  /** The live cache while connected; otherwise throws the AppError that says why not. */
  liveCache(): ContainerCache;
  /** The engine client while connected (terminals, files); otherwise throws the AppError that says why not. */
  liveEngine(): ContainerEngine;
}

/** The connections the containers service aggregates over (implemented by the connections service). */
export interface EngineDirectory {
  /** Resolves once discovery and the store have been read. */
  loaded(): Promise<void>;
  get(id: string): EngineSessionView | undefined;
  all(): EngineSessionView[];
}

/** NOT_FOUND for a connection id nobody knows, worded once for every service. */
export function unknownConnection(id: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `There is no connection "${id}". connections.list shows the ids there are.`,
  );
}

/** The connection's view once discovery has been read, or NOT_FOUND. */
export async function requireConnection(directory: EngineDirectory, id: string): Promise<EngineSessionView> {
  await directory.loaded();
  const view = directory.get(id);
  if (!view) throw unknownConnection(id);
  return view;
}
