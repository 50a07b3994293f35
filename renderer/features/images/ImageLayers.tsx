import { useEffect, useState } from 'react';
import type { ImageLayer } from '../../../electron/shared/contract';
import { isAppError } from '../../../electron/shared/errors';
import { formatAge, formatSize } from '../../../electron/shared/format/size';
import { useClient } from '../../api/CoreContext';
import { useNow } from '../../components/useNow';

/** The layers of one image (GET /images/{id}/history): what made each one and what it added. */
export function ImageLayers({ connectionId, image }: { connectionId: string; image: string }) {
  const client = useClient();
  const [layers, setLayers] = useState<readonly ImageLayer[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const now = useNow(60_000);

  useEffect(() => {
    if (!client) return;
    const controller = new AbortController();
    client.call('images.history', { connectionId, image }, { signal: controller.signal }).then(
      (answer) => setLayers(answer.layers),
      (e: unknown) =>
        !controller.signal.aborted && setError(isAppError(e) ? e.message : 'Reading the layers failed.'),
    );
    return () => controller.abort();
  }, [client, connectionId, image]);

  if (error)
    return (
      <p className="res-error" role="alert">
        {error}
      </p>
    );
  if (!layers) return <p aria-busy="true">Reading the layers…</p>;
  return (
    <table className="res-layers" data-testid="image-layers" aria-label="Layers, newest first">
      <tbody>
        {layers.map((layer, index) => (
          <tr key={`${layer.id ?? 'missing'}-${index}`} data-testid="image-layer">
            <td className="mono" title={layer.createdBy}>
              {layer.createdBy || layer.comment || '(no command recorded)'}
            </td>
            <td className="res-num">{formatSize(layer.size)}</td>
            <td className="res-muted" style={{ whiteSpace: 'nowrap' }}>
              {formatAge(layer.created, now)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
