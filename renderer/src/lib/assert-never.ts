// Closes an exhaustive switch: adding a case to the union makes the missing branch a type error.

/** Unreachable when every case is handled; throws if a value slips through at run time. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`)
}
