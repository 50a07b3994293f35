import { auditMethods } from './audit';
import { connectionsEvents, connectionsMethods } from './connections';
import { containersEvents, containersMethods } from './containers';
import { defineContract } from './define';
import { diskMethods } from './disk';
import { filesEvents, filesMethods } from './files';
import { guidanceEvents, guidanceMethods } from './guidance';
import { inspectMethods } from './inspect';
import { kubeEvents, kubeMethods } from './kube';
import { kubePortForwardEvents, kubePortForwardMethods } from './kube-port-forward';
import { imagesMethods } from './images';
import { logsEvents, logsMethods } from './logs';
import { mapsMethods } from './maps';
import { networksMethods } from './networks';
import { resourcesEvents } from './resources';
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
import { statsEvents, statsMethods } from './stats';
import { systemMethods } from './system';
import { terminalEvents, terminalMethods } from './terminal';
import { volumesMethods } from './volumes';

/** The one contract between every face (renderer, CLI, tests) and the core. */
export const contract = defineContract({
  methods: {
    ...systemMethods,
    ...connectionsMethods,
    ...containersMethods,
    ...terminalMethods,
    ...logsMethods,
    ...filesMethods,
    ...imagesMethods,
    ...volumesMethods,
    ...networksMethods,
    ...diskMethods,
    ...inspectMethods,
    ...statsMethods,
    ...kubeMethods,
    ...kubePortForwardMethods,
    ...guidanceMethods,
    ...auditMethods,
    ...mapsMethods,
  },
  events: {
    ...connectionsEvents,
    ...containersEvents,
    ...terminalEvents,
    ...logsEvents,
    ...filesEvents,
    ...resourcesEvents,
    ...statsEvents,
    ...kubeEvents,
    ...kubePortForwardEvents,
    ...guidanceEvents,
  },
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
export * from './inspect';
export * from './logs';
export * from './files';
export * from './system';
export * from './terminal';
export * from './frames';
export * from './resources';
export * from './images';
export * from './volumes';
export * from './networks';
export * from './disk';
export * from './stats';
export * from './kube';
export * from './kube-port-forward';
export * from './guidance';
export * from './audit';
export * from './maps';
export type { ContractShape, MethodDef, EventDef } from './define';
