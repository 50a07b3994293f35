import type { ImageRow } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import { failure } from '../containers/engine-errors';
import { goneError, nameContainers } from '../resources/resource-errors';
import { findImage, imageName } from './image-rows';

/**
 * Why the engine refused to remove an image, in words that say what to do: which containers use it
 * (by name, not the engine's short id), or what untagging does to an image with several names.
 * `images` is a fresh list read after the refusal (undefined when that read failed too).
 */
export function explainRemoveFailure(
  ref: string,
  error: AppError,
  images: readonly ImageRow[] | undefined,
  endpoint: string,
): AppError {
  if (error.code === 'NOT_FOUND') return goneError('image', ref, endpoint);
  if (error.code !== 'CONFLICT') return error;
  const said = typeof error.details?.['said'] === 'string' ? error.details['said'] : error.message;
  const image = images ? findImage(images, ref) : undefined;
  if (/multiple repositories/i.test(said)) {
    const names = image?.repoTags.join(', ') ?? 'several names';
    return failure(
      'CONFLICT',
      `${ref} has several names (${names}), so the engine will not delete it by id without force.`,
      'Remove one name (repo:tag) to untag only that name: the image stays while another name points at it. Force deletes the image with all its names.',
      { reason: 'several-names' },
    );
  }
  if (/container/i.test(said)) {
    const users = image?.containers ?? [];
    const running = users.filter(
      (c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting',
    );
    const who =
      users.length > 0 ? nameContainers(users) : (said.match(/container [a-f0-9]+/i)?.[0] ?? 'a container');
    const name = image ? imageName(image) : ref;
    if (running.length > 0) {
      return failure(
        'CONFLICT',
        `${name} is used by ${who}.`,
        'Stop and remove those containers first: not even force removes an image a running container uses.',
        { reason: 'in-use', containers: users.map((c) => c.id) },
      );
    }
    const byName = image !== undefined && image.repoTags.includes(ref);
    return failure(
      'CONFLICT',
      `${name} is used by ${who}.`,
      byName
        ? 'Remove those containers first, or remove with force: that only takes the name away, the image stays for them.'
        : 'Remove those containers first, or remove with force: the image goes, and they keep their files but show the image only as an id.',
      { reason: 'in-use', containers: users.map((c) => c.id) },
    );
  }
  return error;
}
