// Byte needles a line must contain for a search to match it, derived from the query, so lines that
// cannot match are never parsed.
//
// A needle is only derived where it is safe: a string a JSON writer always writes as itself. Non-ASCII
// text may be written as \u escapes (Python's default), and some writers escape / < > & ' too; values
// holding any of those get no needle and every line is parsed.

import { appendAll } from '../../../shared/array-ops'
import type { ExactJson } from '../json/json-value'
import { caselessNeedle, exactNeedle, type Needle } from '../scan/needle-finder'
import type { Expression } from './expression'
import { numberNeedles } from './number-needles'

/** The JSON string literal of `value`, if every writer writes it byte for byte like that; else null. */
export function literalText(value: string): string | null {
  return /^[\x20-\x7e]*$/.test(value) && !/["\\/<>&']/.test(value) ? JSON.stringify(value) : null
}

/** The needle of a JSON string literal, or null where it is not safe. */
export function literalNeedle(value: string): Needle | null {
  const text = literalText(value)
  return text === null ? null : exactNeedle(text)
}

/** One group per alternative of `values`: a line must hold one of them; null if any is not safe. */
export function anyLiteral(values: readonly string[]): Needle[] | null {
  const needles = values.map(literalNeedle)
  return needles.length > 0 && needles.every((needle) => needle !== null) ? (needles as Needle[]) : null
}

// Paths whose string values are written in the line itself (aggregateId may come from the file name,
// occurredAt is normalized from epoch numbers, version is counted).
const inLineRoots = new Set(['payload', 'metadata', 'type', 'id'])

/** The needles one of which any JSON value equal to `value` is written with; null where there are none. */
function literalNeedles(value: ExactJson): Needle[] | null {
  if (typeof value === 'string') {
    const needle = literalNeedle(value)
    return needle ? [needle] : null
  }
  if (value === true || value === false || value === null) return [exactNeedle(String(value))]
  return numberNeedles(value)
}

/**
 * Needle groups implied by an expression: for each group, a matching line holds one of its needles.
 *
 * Conservative: `==` against a literal (a string as its JSON text, a number by its digits, see
 * number-needles.ts, `true`, `false`, `null` as written), `contains` and `startsWith` on text give
 * needles; `and` keeps every operand's groups, `or` one group from each operand, `not` and the rest none.
 */
export function expressionNeedles(expression: Expression): Needle[][] {
  switch (expression.kind) {
    case 'and':
      return expression.operands.flatMap(expressionNeedles)
    case 'or': {
      // One group: a needle of each operand's first group. An operand with none lets any line through.
      const group: Needle[] = []
      for (const operand of expression.operands) {
        const first = expressionNeedles(operand)[0]
        if (!first) return []
        appendAll(group, first)
      }
      return [group]
    }
    case 'compare': {
      if (expression.op !== '==') return []
      const { left, right } = expression
      const [path, literal] = left.kind === 'literal' ? [right, left] : [left, right]
      if (path.kind !== 'path' || !inLineRoots.has(path.root)) return []
      if (literal.kind !== 'literal') return []
      const group = literalNeedles(literal.value)
      return group ? [group] : []
    }
    case 'call': {
      const [subject, text] = expression.args
      if (subject?.kind !== 'path' || !inLineRoots.has(subject.root)) return []
      if (text?.kind !== 'literal' || typeof text.value !== 'string') return []
      const written = literalText(text.value)
      if (written === null) return []
      // A string that starts with the text is written as its opening quote and then the text.
      if (expression.name === 'startsWith')
        return text.value.length > 0 ? [[exactNeedle(written.slice(0, -1))]] : []
      if (expression.name !== 'contains') return []
      const needle = caselessNeedle(text.value)
      return needle ? [[needle]] : []
    }
    default:
      return []
  }
}
