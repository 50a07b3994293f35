// The Status objects the kubelet writes on the error channel (pkg/kubelet/cri/streaming/remotecommand):
// a bare metav1.Status marshalled without kind/apiVersion, exactly as client-node and kubectl parse it.
import { encodeFrame, Channel, type ChannelFlavor } from './channel-codec';

export interface StatusCause {
  readonly reason?: string;
  readonly message: string;
}

export interface ChannelStatus {
  readonly metadata: Record<string, never>;
  readonly status: 'Success' | 'Failure';
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: { readonly causes: readonly StatusCause[] };
}

export function successStatus(): ChannelStatus {
  return { metadata: {}, status: 'Success' };
}

/**
 * A process that ran and exited non-zero: reason NonZeroExitCode and the code as an ExitCode cause.
 * `why` is the runtime's words (the CRI's "error executing command …"), kept in the message.
 */
export function exitCodeStatus(exitCode: number, why: string): ChannelStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: ${why}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/** The runtime failed (not the process): apierrors.NewInternalError, as the kubelet writes it. */
export function internalErrorStatus(why: string): ChannelStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${why}`,
    reason: 'InternalError',
    code: 500,
    details: { causes: [{ message: why }] },
  };
}

/**
 * The error-channel message for a status: v4+ carries the JSON Status; older protocols carry only the
 * failure's text and nothing on success. Undefined when nothing is to be sent.
 */
export function statusFrame(flavor: ChannelFlavor, status: ChannelStatus): Buffer | string | undefined {
  if (flavor.version >= 4) return encodeFrame(flavor, Channel.Error, Buffer.from(JSON.stringify(status)));
  if (status.status === 'Success') return undefined;
  return encodeFrame(flavor, Channel.Error, Buffer.from(status.message ?? 'error'));
}
