// The simulator's stream protocols (exec, attach, port-forward over WebSocket) and the runtime of
// ephemeral containers; the router (../) calls these after auth, RBAC and the pod lookup.
export type { StreamDeps, StreamTarget } from './types';
export { handleExecUpgrade } from './exec-bridge';
export { handleAttachUpgrade } from './attach-bridge';
export { handlePortForwardUpgrade } from './portforward-bridge';
export { startEphemeralContainer, type EphemeralSpec } from './ephemeral';
