// One entry point for every transport (Electron IPC, WebSocket): check the method exists, validate
// the payload with the contract's schema, run the handler, answer `{result}` or `{error}`. Under
// vitest every answer is also parsed with its method's output schema, so each test that calls the
// core is a contract conformance check: an answer outside the contract becomes an `internal` error.
import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type MethodResult, type Methods } from '../../shared/contract/contract';
import { ContractError, type Envelope } from '../../shared/contract/envelope';
import { problemsFromZod } from '../../shared/validation/problems';

export type Handlers = {
  [M in MethodName]: (input: z.output<Methods[M]['input']>) => Promise<MethodResult<M>> | MethodResult<M>;
};

export type Dispatch = (method: unknown, payload: unknown) => Promise<Envelope<unknown>>;

const CHECK_ANSWERS = process.env.VITEST !== undefined;

export function createDispatcher(handlers: Handlers, log: (message: string, error: unknown) => void = console.error, checkAnswers = CHECK_ANSWERS): Dispatch {
  return async (method, payload) => {
    if (!isMethodName(method)) {
      return { error: { code: 'unknown_method', message: `There is no method "${String(method)}": the app and its window may be different versions; restart the app.` } };
    }
    const parsed = methods[method].input.safeParse(payload);
    if (!parsed.success) {
      const problems = problemsFromZod(parsed.error, [], payload);
      return {
        error: {
          code: 'invalid_payload',
          message: `${method} was called with invalid arguments: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join(' ')}`,
          problems,
        },
      };
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown> | unknown;
      const result = await handler(parsed.data);
      const answer = checkAnswers ? methods[method].output.safeParse(result) : undefined;
      if (answer && !answer.success) {
        const problems = problemsFromZod(answer.error, [], result).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
        log(`${method} answered outside its contract`, answer.error);
        return { error: { code: 'internal', message: `${method} answered outside its contract (${methods[method].summary}): ${problems.join(' ')}` } };
      }
      return { result };
    } catch (error) {
      if (error instanceof ContractError) return { error: error.toBody() };
      log(`${method} failed`, error);
      const message = error instanceof Error ? error.message : String(error);
      return { error: { code: 'internal', message: `${method} failed: ${message}` } };
    }
  };
}
