import { credentialRequestSchema, type CredentialRequest } from '../../shared/contract';
import type { AppError } from '../../shared/errors';

/** The passphrase or password an SSH refusal asks for, for the status (the UI and CLI ask the user). */
export function credentialOf(error: AppError | undefined): CredentialRequest | undefined {
  if (error?.code !== 'PERMISSION_DENIED') return undefined;
  const parsed = credentialRequestSchema.safeParse(error.details?.credential);
  return parsed.success ? parsed.data : undefined;
}
