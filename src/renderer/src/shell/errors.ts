// The problems a failed contract call carries for a form's fields.
import { ContractError } from '../../../shared/contract/envelope';
import type { Problem } from '../../../shared/validation/problems';

export function problemsOf(error: unknown): Problem[] {
  return error instanceof ContractError && error.problems ? error.problems : [];
}
