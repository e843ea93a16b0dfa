// A malformed search expression, with the column where reading it failed.

export class ExpressionError extends Error {
  constructor(
    readonly reason: string,
    /** 1-based column of the character where the expression stopped making sense. */
    readonly column: number,
  ) {
    super(`${reason} at column ${column}`)
    this.name = 'ExpressionError'
  }
}
