import { useState } from 'react';
import type { ImageRow } from '../../../electron/shared/contract';
import { formatSize } from '../../../electron/shared/format/size';
import { useClient } from '../../api/CoreContext';
import { ConfirmRemoveDialog } from '../resources/ConfirmRemoveDialog';
import { imageLabel, isLive, shortId } from './image-filter';

/**
 * Remove an image, or one of its names. With several names the choice is explicit: removing one name
 * only untags it (the image stays); removing the image takes every name (force). Containers using it
 * are named: running ones block the image (the engine refuses even with force), stopped ones need force.
 */
export function ImageRemoveDialog({
  row,
  onDone,
  onClose,
}: {
  row: ImageRow;
  onDone: () => void;
  onClose: () => void;
}) {
  const client = useClient();
  const several = row.repoTags.length > 1;
  const [target, setTarget] = useState<string>(several ? row.repoTags[0]! : 'image');
  const [force, setForce] = useState(false);
  const wholeImage = target === 'image';
  const running = row.containers.filter((c) => isLive(c.state));
  const stopped = row.containers.filter((c) => !isLive(c.state));
  const needsForce = wholeImage && (several || stopped.length > 0);
  const blocked =
    wholeImage && running.length > 0
      ? `Running containers use this image (${running.map((c) => c.name).join(', ')}): stop and remove them first. Not even force removes an image a running container uses.`
      : undefined;

  return (
    <ConfirmRemoveDialog
      title={wholeImage ? `Remove ${imageLabel(row)}?` : `Remove the name ${target}?`}
      confirmLabel={wholeImage ? 'Remove image' : 'Remove name'}
      {...(blocked ? { blocked } : {})}
      ready={!needsForce || force}
      onDone={onDone}
      onClose={onClose}
      run={async () => {
        if (!client) throw new Error('not connected');
        const ref = wholeImage ? row.id : target;
        const answer = await client.call('images.remove', {
          connectionId: row.connectionId,
          refs: [ref],
          force: needsForce && force,
        });
        return answer.results;
      }}
      label={(id) => (id === row.id ? imageLabel(row) : id)}
    >
      {several ? (
        <fieldset className="res-choice">
          <legend>This image has {row.repoTags.length} names. Remove:</legend>
          {row.repoTags.map((tag) => (
            <label key={tag}>
              <input
                type="radio"
                name="image-target"
                checked={target === tag}
                onChange={() => setTarget(tag)}
              />{' '}
              only the name <span className="mono">{tag}</span> — the image stays under its other names
            </label>
          ))}
          <label>
            <input
              type="radio"
              name="image-target"
              checked={wholeImage}
              onChange={() => setTarget('image')}
            />{' '}
            the image itself, with all {row.repoTags.length} names
          </label>
        </fieldset>
      ) : null}
      <ul className="res-lost" data-testid="image-remove-lost">
        {wholeImage ? (
          <>
            <li>
              Image <span className="mono">{shortId(row.id)}</span> ({row.repoTags.join(', ') || 'no name'}),{' '}
              <strong>{formatSize(row.size)}</strong> — deleted. Layers other images share stay.
            </li>
            <li>Using it again means pulling or building it again.</li>
          </>
        ) : (
          <li>
            The name <span className="mono">{target}</span> — removed; nothing else.
          </li>
        )}
        {row.containers.length > 0 ? (
          <li>
            Used by {row.containers.map((c) => `${c.name} (${c.state})`).join(', ')}.
            {wholeImage && running.length === 0
              ? ' They keep their files, but show the image only as an id afterwards.'
              : ''}
          </li>
        ) : null}
      </ul>
      {needsForce && !blocked ? (
        <label>
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force: remove
          it even though {several ? 'it has several names' : 'stopped containers use it'}
        </label>
      ) : null}
    </ConfirmRemoveDialog>
  );
}
