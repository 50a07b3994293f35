import { z } from 'zod';
import { method } from './define';

export const facesSchema = z.enum(['electron', 'web', 'cli']);

export const systemMethods = {
  'system.info': method({
    summary: 'What Bosun is running as: its version, the face, the platform and the runtime versions.',
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      face: facesSchema,
      platform: z.string(),
      versions: z.record(z.string(), z.string()),
      /** Where remembered passphrases and passwords are kept, for people ("OS keychain (libsecret)"). */
      secretStore: z.string().optional(),
    }),
  }),
} as const;
