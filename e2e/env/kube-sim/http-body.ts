// Request bodies: JSON only, bounded, with the API server's errors for what it cannot decode.
import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from './status';

const MAX_BODY = 3 * 1024 * 1024;

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY)
      throw new ApiError(413, 'Request entity too large: limit is 3145728', 'RequestEntityTooLarge');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  const type = (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim();
  if (type === 'application/apply-patch+yaml') {
    throw new ApiError(
      415,
      'server-side apply is not supported by this simulator; use a merge or JSON patch',
      'UnsupportedMediaType',
    );
  }
  if (type.includes('yaml') || type.includes('protobuf') || type.includes('cbor')) {
    throw new ApiError(
      415,
      `the body of the request was in an unknown format - accepted media types include: application/json, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
      'UnsupportedMediaType',
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(
      `the object provided is unrecognized: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('the body of the request must be a JSON object');
  }
  return body as Record<string, unknown>;
}
