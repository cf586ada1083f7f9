/**
 * The placeholder every stub in `exercises/` starts with.
 *
 * A stub body is `return todo("fromHex")`: it type-checks (it returns `never`),
 * so the project compiles from the first minute, and the grader recognises the
 * error by its name and tells the learner which function is still empty,
 * instead of showing a stack trace.
 */
export class TodoError extends Error {
  override readonly name = "TodoError";
  constructor(readonly what: string) {
    super(`${what} is not written yet`);
  }
}

export function todo(what: string): never {
  throw new TodoError(what);
}
