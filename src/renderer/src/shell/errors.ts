// What a failed contract call says to a person, and the problems it carries for a form's fields.
import { ContractError } from '../../../shared/contract/envelope';
import type { Problem } from '../../../shared/validation/problems';


export function problemsOf(error: unknown): Problem[] {
  return error instanceof ContractError && error.problems ? error.problems : [];
}

export function isUnknownMethod(error: unknown): boolean {
  return error instanceof ContractError && error.code === 'unknown_method';
}
