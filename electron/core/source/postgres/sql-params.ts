// The parameters of one SQL statement as it is built: each value added becomes the next `$n`, so
// nothing a user typed is ever spliced into SQL text.

export class SqlParams {
  readonly values: unknown[] = []

  /** `offset`: parameters the statement already numbers before these ($1 … $offset). */
  constructor(private readonly offset = 0) {}

  /** Add a value; returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value)
    return `$${this.offset + this.values.length}`
  }
}

/**
 * The statement with only the parameters its text still names, numbered again from $1.
 *
 * Building adds a parameter before knowing whether its part survives (`not` keeps one bound of a
 * condition and drops the other), and PostgreSQL refuses a parameter the text never names. Only
 * placeholders can hold `$`: every fragment is eventscope's own SQL, user text travels as a value.
 */
export function compactParams(
  sql: string,
  values: readonly unknown[],
): { readonly sql: string; readonly params: unknown[] } {
  const renumbered = new Map<number, number>()
  const params: unknown[] = []
  const text = sql.replace(/\$(\d+)/g, (_match, digits: string) => {
    const index = Number(digits)
    let next = renumbered.get(index)
    if (next === undefined) {
      params.push(values[index - 1])
      next = params.length
      renumbered.set(index, next)
    }
    return `$${next}`
  })
  return { sql: text, params }
}
