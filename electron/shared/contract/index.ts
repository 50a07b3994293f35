import { connectionsEvents, connectionsMethods } from './connections';
import { containersEvents, containersMethods } from './containers';
import { defineContract } from './define';
import type {
  EventName,
  EventParams,
  EventParsedParams,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
  MethodParsedInput,
} from './define';
import { systemMethods } from './system';
import { terminalEvents, terminalMethods } from './terminal';

/** The one contract between every face (renderer, CLI, tests) and the core. */
export const contract = defineContract({
  methods: { ...systemMethods, ...connectionsMethods, ...containersMethods, ...terminalMethods },
  events: { ...connectionsEvents, ...containersEvents, ...terminalEvents },
});

export type Contract = typeof contract;
export type Method = MethodName<Contract>;
export type Topic = EventName<Contract>;
export type In<K extends Method> = MethodInput<Contract, K>;
export type ParsedIn<K extends Method> = MethodParsedInput<Contract, K>;
export type Out<K extends Method> = MethodOutput<Contract, K>;
export type Params<K extends Topic> = EventParams<Contract, K>;
export type ParsedParams<K extends Topic> = EventParsedParams<Contract, K>;
export type Payload<K extends Topic> = EventPayload<Contract, K>;

export * from './connections';
export * from './containers';
export * from './system';
export * from './terminal';
export * from './frames';
export type { ContractShape, MethodDef, EventDef } from './define';
