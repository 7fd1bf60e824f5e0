// How a call's outcome crosses a transport: `{result}` or `{error}`; the client turns the error back into an Error.
import type { Problem } from '../validation/problems';

export type ErrorCode =
  | 'invalid_payload' // the arguments do not match the contract
  | 'unknown_method'
  | 'forbidden_sender' // a frame that is not the app's own window
  | 'not_found'
  | 'conflict'
  | 'engine_unreachable'
  | 'unavailable' // not offered by this transport (e.g. the file dialog in a browser)
  | 'internal';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  problems?: Problem[];
}

export type Envelope<T> = { result: T } | { error: ErrorBody };

/** An error that crosses the contract with its code and problems intact. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.name = 'ContractError';
  }

  toBody(): ErrorBody {
    return this.problems ? { code: this.code, message: this.message, problems: this.problems } : { code: this.code, message: this.message };
  }
}
