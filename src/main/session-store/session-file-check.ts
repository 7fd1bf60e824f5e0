// Whether a parsed session file holds a RunnerSession, and if not, why. The startup scan asks this
// of every file (10,000 finished sessions and more), so it asks the schema compiled by zod
// (z.compile) first, derived from RunnerSession itself: nothing to keep in step by hand when
// entities.ts changes. Only a refused file runs the schema itself, for the reason a person reads.
import { z } from 'zod';
import { RunnerSession } from '../../shared/model/entities';
import { describeIssues } from './store-errors';

const isValidSession = compiledValidator(RunnerSession);

/**
 * The session `json` holds, or why it holds none: every problem, in one line. A valid record is
 * returned as it was parsed: RunnerSession has no defaults or transforms, so the schema would
 * return the same (session-file-check.test.ts holds it to that).
 */
export function checkSessionFile(json: unknown): RunnerSession | string {
  if (isValidSession(json)) return json as RunnerSession;
  const parsed = RunnerSession.safeParse(json);
  return parsed.success ? parsed.data : describeIssues(parsed.error);
}

/**
 * The verdict of `schema` on `value`, from compiled schemas: the object with its nested objects set
 * aside, then each nested object by its own compiled schema. Same verdict as the whole (a strict
 * object is valid when its own keys and checks and each field are), and measurably faster than one
 * compiled whole, where a nested object's refinement (DisplayConfiguration's) costs a runtime call.
 */
export function compiledValidator(schema: z.ZodObject): (value: unknown) => boolean {
  const nested = Object.entries(schema.shape).filter(([, field]) => isObjectField(field));
  // In place of each nested object, anything (the same key optional or required as it was).
  const placeholder = (field: z.ZodType): z.ZodType => (field instanceof z.ZodOptional ? z.unknown().optional() : z.unknown());
  const rest = z.compile(schema.extend(Object.fromEntries(nested.map(([key, field]) => [key, placeholder(field)]))));
  const fields = nested.map(([key, field]) => {
    const optional = field instanceof z.ZodOptional;
    return { key, optional, schema: z.compile(optional ? (field.unwrap() as z.ZodType) : field) };
  });
  return (value) => {
    if (!rest.validate(value)) return false;
    const record = value as Record<string, unknown>;
    for (const field of fields) {
      const fieldValue = record[field.key];
      // An absent optional field is fine (the rest said so); a present one is judged by its own schema.
      if (!(field.optional && fieldValue === undefined) && !field.schema.validate(fieldValue)) return false;
    }
    return true;
  };
}

function isObjectField(field: z.ZodType): boolean {
  return field instanceof z.ZodObject || (field instanceof z.ZodOptional && field.unwrap() instanceof z.ZodObject);
}
