import { z } from 'zod';

/**
 * How much a client consumed (bytes, lines) since its last ack, in every `*.ack` method. Bounded so one
 * ack cannot claim more than any stream could have sent unacknowledged, nor overflow the core's counter.
 */
export const ackCountSchema = z
  .number()
  .int()
  .min(0)
  .max(1 << 30);
