// What an error says, whatever was thrown: an Error's message, anything else as text. Used by the
// core and the renderer alike, instead of `(error as Error).message`.

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
