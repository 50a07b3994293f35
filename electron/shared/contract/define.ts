import type { z } from 'zod';

/** One request/response operation of the contract. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** What it does, for people reading the contract (and the CLI's help). */
  readonly summary: string;
  readonly input: I;
  readonly output: O;
  /** The longest the core lets the call run before answering TIMEOUT. */
  readonly timeoutMs?: number;
}

/** One subscribable event: clients subscribe with params, and receive payloads that match them. */
export interface EventDef<P extends z.ZodType = z.ZodType, E extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly params: P;
  readonly payload: E;
  /** Whether a payload concerns a subscriber; absent means every payload does. */
  readonly matches?: (params: z.output<P>, payload: z.output<E>) => boolean;
}

export interface ContractShape {
  readonly methods: Record<string, MethodDef>;
  readonly events: Record<string, EventDef>;
}

export function method<I extends z.ZodType, O extends z.ZodType>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}

export function event<P extends z.ZodType, E extends z.ZodType>(def: EventDef<P, E>): EventDef<P, E> {
  return def;
}

export function defineContract<C extends ContractShape>(contract: C): C {
  return contract;
}

export type MethodName<C extends ContractShape> = keyof C['methods'] & string;
export type EventName<C extends ContractShape> = keyof C['events'] & string;

/** What a caller passes (defaults may be omitted). */
export type MethodInput<C extends ContractShape, K extends MethodName<C>> = z.input<C['methods'][K]['input']>;
/** What a handler receives (after validation and defaults). */
export type MethodParsedInput<C extends ContractShape, K extends MethodName<C>> = z.output<
  C['methods'][K]['input']
>;
export type MethodOutput<C extends ContractShape, K extends MethodName<C>> = z.output<
  C['methods'][K]['output']
>;
export type EventParams<C extends ContractShape, K extends EventName<C>> = z.input<C['events'][K]['params']>;
export type EventParsedParams<C extends ContractShape, K extends EventName<C>> = z.output<
  C['events'][K]['params']
>;
export type EventPayload<C extends ContractShape, K extends EventName<C>> = z.output<
  C['events'][K]['payload']
>;
