import type { ContainerRef, ContainerRow, ImageRow, PruneItem } from '../../shared/contract';
import type { ImageSummary } from './images-engine';

/** The images of one engine with the containers created from each (matched on the full image id). */
export function toImageRows(
  connectionId: string,
  images: readonly ImageSummary[],
  containers: readonly ContainerRow[],
): ImageRow[] {
  const users = new Map<string, ContainerRef[]>();
  for (const c of containers) {
    const list = users.get(c.imageId) ?? [];
    list.push({ id: c.id, name: c.name, state: c.state });
    users.set(c.imageId, list);
  }
  return images.map((image) => ({
    connectionId,
    id: image.id,
    repoTags: [...image.repoTags],
    repoDigests: [...image.repoDigests],
    dangling: image.repoTags.length === 0,
    size: image.size,
    created: image.created,
    labels: { ...image.labels },
    containers: users.get(image.id) ?? [],
  }));
}

/** How people name an image: its first repo:tag, else `<none>` with a short id. */
export function imageName(image: { readonly id: string; readonly repoTags: readonly string[] }): string {
  return image.repoTags[0] ?? `<none> (${shortImageId(image.id)})`;
}

export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

export function toPruneItem(row: ImageRow): PruneItem {
  return { id: row.id, name: row.repoTags.join(', ') || `<none> (${shortImageId(row.id)})`, size: row.size };
}

/** The image a reference names in a list: a full or short id, or one of its names. */
export function findImage<T extends { readonly id: string; readonly repoTags: readonly string[] }>(
  images: readonly T[],
  ref: string,
): T | undefined {
  const hex = ref.replace(/^sha256:/, '');
  const byId = /^[a-f0-9]{12,64}$/.test(hex)
    ? images.find((i) => i.id.replace(/^sha256:/, '').startsWith(hex))
    : undefined;
  if (byId) return byId;
  const withTag = /:[^/]+$/.test(ref) ? ref : `${ref}:latest`;
  return images.find((i) => i.repoTags.includes(withTag) || i.repoTags.includes(ref));
}

/** Newest first, then by name: the order of `docker images`. */
export function newestImageFirst(a: ImageRow, b: ImageRow): number {
  return b.created - a.created || imageName(a).localeCompare(imageName(b));
}
