import type { ContractShape, MethodName, MethodOutput, MethodParsedInput } from '../shared/contract/define';
import type { Envelope } from '../shared/contract/frames';
import { AppError, toWireError } from '../shared/errors';
import { issuesToDetails } from './issues';

/** What a handler knows about the call: who made it, and a signal that fires on cancel or timeout. */
export interface CallContext {
  readonly clientId: string;
  readonly signal: AbortSignal;
}

export type Handler<C extends ContractShape, K extends MethodName<C>> = (
  input: MethodParsedInput<C, K>,
  ctx: CallContext,
) => Promise<MethodOutput<C, K>> | MethodOutput<C, K>;

export type Handlers<C extends ContractShape> = { [K in MethodName<C>]: Handler<C, K> };

export interface DispatcherOptions {
  /** Check handler results against the contract: on in tests and development, catches service bugs. */
  readonly validateOutput?: boolean;
  readonly defaultTimeoutMs?: number;
  readonly onInternalError?: (method: string, error: unknown) => void;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Validate → call → envelope. The one place every transport's calls go through. */
export class Dispatcher<C extends ContractShape> {
  constructor(
    private readonly contract: C,
    private readonly handlers: Handlers<C>,
    private readonly options: DispatcherOptions = {},
  ) {}

  has(method: string): method is MethodName<C> {
    return Object.hasOwn(this.contract.methods, method);
  }

  async call(method: string, params: unknown, ctx: CallContext): Promise<Envelope> {
    if (!this.has(method)) {
      return fail(
        new AppError('INVALID_ARGUMENT', `There is no operation called "${String(method).slice(0, 128)}".`),
      );
    }
    const def = this.contract.methods[method]!;
    const parsed = def.input.safeParse(params);
    if (!parsed.success) {
      return fail(
        new AppError(
          'INVALID_ARGUMENT',
          `Invalid input for ${method}: ${parsed.error.issues[0]?.message ?? 'rejected'}.`,
          {
            issues: issuesToDetails(parsed.error.issues),
          },
        ),
      );
    }
    if (ctx.signal.aborted) return fail(cancelled(method));

    const timeoutMs = def.timeoutMs ?? this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(ctx.signal.reason);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limits = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new AppError(
          'TIMEOUT',
          `${method} did not finish within ${Math.round(timeoutMs / 1000)} s.`,
        );
        controller.abort(error);
        reject(error);
      }, timeoutMs);
      controller.signal.addEventListener(
        'abort',
        () => reject(cancelledOr(controller.signal.reason, method)),
        {
          once: true,
        },
      );
    });
    try {
      const handler = this.handlers[method] as Handler<C, typeof method>;
      const value = await Promise.race([
        Promise.resolve().then(() =>
          handler(parsed.data as MethodParsedInput<C, typeof method>, {
            clientId: ctx.clientId,
            signal: controller.signal,
          }),
        ),
        limits,
      ]);
      if (this.options.validateOutput) {
        const checked = def.output.safeParse(value);
        if (!checked.success) {
          this.options.onInternalError?.(method, checked.error);
          return fail(new AppError('INTERNAL', `${method} produced a result that breaks the contract.`));
        }
      }
      return { ok: true, value };
    } catch (error) {
      if (!(error instanceof AppError)) this.options.onInternalError?.(method, error);
      return fail(error);
    } finally {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
    }
  }
}

function fail(error: unknown): Envelope {
  return { ok: false, error: toWireError(error) };
}

function cancelled(method: string): AppError {
  return new AppError('CANCELLED', `${method} was cancelled.`);
}

function cancelledOr(reason: unknown, method: string): AppError {
  return reason instanceof AppError ? reason : cancelled(method);
}
