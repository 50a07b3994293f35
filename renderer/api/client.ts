import type { Contract } from '../../electron/shared/contract';
import type { Client } from '../../electron/shared/rpc/client';

/** The typed client of the contract, as every part of the renderer sees it. */
export type BosunClient = Client<Contract>;
