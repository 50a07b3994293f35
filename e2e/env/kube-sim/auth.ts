// Bearer-token authentication, answered as kube-apiserver does when the token is missing or wrong.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './status';

export function authenticate(req: IncomingMessage, token: string): void {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  const given = Buffer.from(match?.[1]?.trim() ?? '');
  const wanted = Buffer.from(token);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new ApiError(401, 'Unauthorized', 'Unauthorized');
  }
}
