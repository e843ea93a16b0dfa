// `search --where` pushed down into PostgreSQL: a parsed expression (search/expression.ts) translated
// into parameterized SQL over the event table's jsonb payload and its other columns, so the server
// sends only the rows that may match instead of every event.
//
// Exact by a pair of bounds, never by hope: each part of the expression becomes two conditions,
// `maybe` (true for every row where eventscope's own evaluation, evaluate.ts, could be true) and
// `surely` (true only where it is). A part the translator cannot say exactly in SQL (lower(), a path
// compared with a path, text outside what PostgreSQL compares as JavaScript does) is `maybe = TRUE,
// surely = FALSE`, and `not` swaps the bounds, so the filter the server applies, `maybe` of the whole,
// only ever drops rows that cannot match. The caller still tests every row it gets with the expression
// itself: what comes back is exactly what the in-process search finds (a property test holds it to that).
//
// How each value is said in SQL: every operand is a jsonb expression, SQL NULL standing for "no such
// field" (evaluate.ts's undefined) and jsonb 'null' for JSON null. Pure: SQL text and parameters only.

import { isUnfaithful } from '../../../../shared/number-literals'
import type { ExactJson } from '../../json/json-value'
import { matches } from '../../search/evaluate'
import { numberTextOf } from '../../search/exact-number'
import type { CompareOp, Expression } from '../../search/expression'
import type { SqlParams } from './sql-params'

/** SQL expressions for the event fields an expression can name (a layout fills these in). */
export interface WhereColumns {
  /** The payload, jsonb. */
  readonly payload: string
  /** The metadata, jsonb, or null where the layout keeps none. */
  readonly metadata: string | null
  /** Text columns (or expressions), null where the layout keeps no such field. */
  readonly type: string | null
  readonly id: string | null
  /** The event's time as the source hands it out (the same ISO text), or null. */
  readonly occurredAt: string | null
  /** The 1-based stream position, an integer. */
  readonly version: string
  readonly streamId: string
  /**
   * Whether the payload's numbers read back as jsonb prints them (a jsonb column), so an array
   * element's text is the text eventscope parses; false for json or text holding JSON (`1E5` there).
   */
  readonly numbersAsPrinted: boolean
}

/** The two bounds of a translated condition; `exact` when they are the same condition. */
export interface SqlCondition {
  readonly maybe: string
  readonly surely: string
  readonly exact: boolean
}

const unknown: SqlCondition = { maybe: 'TRUE', surely: 'FALSE', exact: false }
const constant = (value: boolean): SqlCondition => {
  const sql = value ? 'TRUE' : 'FALSE'
  return { maybe: sql, surely: sql, exact: true }
}
/**
 * A leaf condition that is never SQL NULL: a missing field makes jsonb_typeof NULL, and NULL under NOT
 * stays NULL, which would drop the row `not` means to keep. Every leaf goes through here.
 */
const definite = (sql: string): string => `COALESCE(${sql}, FALSE)`
const exactly = (sql: string): SqlCondition => {
  const kept = definite(sql)
  return { maybe: kept, surely: kept, exact: true }
}

/**
 * Past this many nodes an expression is not translated: the SQL text grows with it and the server's
 * parser recurses once per level, while a typed query this large gains little from an index-less filter.
 */
const maxNodes = 200

/** Translate `expression` into SQL bounds over `columns`, adding its literals to `params`. */
export function whereToSql(expression: Expression, columns: WhereColumns, params: SqlParams): SqlCondition {
  if (countNodes(expression, maxNodes + 1) > maxNodes) return unknown
  return new Translator(columns, params).condition(expression)
}

/** The value of an operand as SQL: a jsonb expression, a literal kept for the comparison, or unknown. */
type Operand =
  | { readonly kind: 'sql'; readonly sql: string }
  | { readonly kind: 'literal'; readonly value: ExactJson }
  | { readonly kind: 'unknown' }

const noField: Operand = { kind: 'sql', sql: 'NULL::jsonb' }

class Translator {
  constructor(
    private readonly columns: WhereColumns,
    private readonly params: SqlParams,
  ) {}

  condition(expression: Expression): SqlCondition {
    const mark = this.params.values.length
    const result = this.conditionOf(expression)
    // A part that came out constant (or unknown) uses none of the parameters its paths added.
    if (isConstant(result.maybe) && isConstant(result.surely)) this.params.values.length = mark
    return result
  }

  private conditionOf(expression: Expression): SqlCondition {
    switch (expression.kind) {
      case 'literal':
        return constant(matches(expression, emptyEvent))
      case 'path': {
        const value = this.operand(expression)
        return value.kind === 'sql' ? exactly(truthySql(value.sql)) : unknown
      }
      case 'not': {
        const inner = this.condition(expression.operand)
        return { maybe: `NOT (${inner.surely})`, surely: `NOT (${inner.maybe})`, exact: inner.exact }
      }
      case 'and':
      case 'or': {
        const parts = expression.operands.map((operand) => this.condition(operand))
        const join = ` ${expression.kind === 'and' ? 'AND' : 'OR'} `
        return {
          maybe: parts.map((part) => `(${part.maybe})`).join(join),
          surely: parts.map((part) => `(${part.surely})`).join(join),
          exact: parts.every((part) => part.exact),
        }
      }
      case 'compare':
        return this.compare(expression.op, expression.left, expression.right)
      case 'call':
        return this.call(expression)
    }
  }

  private compare(op: CompareOp, leftExpression: Expression, rightExpression: Expression): SqlCondition {
    const left = this.operand(leftExpression)
    const right = this.operand(rightExpression)
    if (left.kind === 'literal' && right.kind === 'literal')
      return constant(
        matches({ kind: 'compare', op, left: leftExpression, right: rightExpression }, emptyEvent),
      )
    // A field against a literal, written field-first; a field against a field is left to eventscope.
    if (left.kind === 'sql' && right.kind === 'literal') return this.compareLiteral(op, left.sql, right.value)
    if (left.kind === 'literal' && right.kind === 'sql')
      return this.compareLiteral(flipped[op], right.sql, left.value)
    return unknown
  }

  private compareLiteral(op: CompareOp, value: string, literal: ExactJson): SqlCondition {
    const json = literalJson(literal)
    if (json === null) return unknown
    if (op === '==' || op === '!=') {
      // jsonb's = compares numbers by value (1.0 = 1) and everything else as JSON, as compare() does.
      const equal = `COALESCE(${value} = ${this.params.add(json)}::jsonb, FALSE)`
      return exactly(op === '==' ? equal : `NOT ${equal}`)
    }
    // Order holds only between two numbers or two strings; anything else is false (evaluate.ts).
    const number = numberTextOf(literal)
    if (number !== null)
      return exactly(
        `(CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::numeric ${op} ${this.params.add(number)}::numeric ELSE FALSE END)`,
      )
    if (typeof literal === 'string' && ordersAsCodeUnits(literal))
      return exactly(
        `(jsonb_typeof(${value}) = 'string' AND (${value} #>> '{}') COLLATE "C" ${op} ${this.params.add(literal)}::text)`,
      )
    if (typeof literal === 'string') return unknown
    return constant(false)
  }

  private call(expression: Expression & { kind: 'call' }): SqlCondition {
    const [first, second] = expression.args
    if (first === undefined) return unknown
    switch (expression.name) {
      case 'exists': {
        const value = this.operand(first)
        return value.kind === 'sql' ? exactly(`(${value.sql} IS NOT NULL)`) : unknown
      }
      case 'startsWith': {
        const value = this.operand(first)
        const prefix = second === undefined ? null : this.operand(second)
        if (value.kind !== 'sql' || prefix?.kind !== 'literal') return this.literalCall(expression)
        if (typeof prefix.value !== 'string') return constant(false)
        if (!sendable(prefix.value)) return unknown
        return exactly(
          `(jsonb_typeof(${value.sql}) = 'string' AND starts_with(${value.sql} #>> '{}', ${this.params.add(prefix.value)}::text))`,
        )
      }
      case 'contains': {
        const value = this.operand(first)
        const needle = second === undefined ? null : this.operand(second)
        if (value.kind !== 'sql' || needle?.kind !== 'literal') return this.literalCall(expression)
        return this.contains(value.sql, needle.value)
      }
      default:
        // lower() compares as JavaScript lower-cases, which PostgreSQL's lower() does not promise;
        // changed(), from() and to() need states a search has not got.
        return this.literalCall(expression)
    }
  }

  // A call on literals only has one answer, whatever the row; anything else is left to eventscope.
  private literalCall(expression: Expression & { kind: 'call' }): SqlCondition {
    const allLiteral = expression.args.every((arg) => arg.kind === 'literal')
    return allLiteral && !['changed', 'from', 'to'].includes(expression.name)
      ? constant(matches(expression, emptyEvent))
      : unknown
  }

  // contains(field, literal): a case-insensitive substring of a string, an element of an array, a key
  // of an object (evaluate.ts), each part said in SQL as far as it can be exactly.
  private contains(value: string, needle: ExactJson): SqlCondition {
    const json = literalJson(needle)
    if (json === null) return unknown
    // Array elements equal as jsonEqual has it: numbers by their text, as eventscope keeps them
    // (1.0 is not 1 there), which jsonb prints back as it parsed them for both sides.
    const number = numberTextOf(needle)
    const inArray = (elementEqual: string): string =>
      `(jsonb_typeof(${value}) = 'array' AND EXISTS (SELECT 1 FROM jsonb_array_elements(${value}) e WHERE ${elementEqual}))`
    if (number !== null) {
      // Equal texts are equal values, so a number's value bounds it from above either way.
      if (this.columns.numbersAsPrinted)
        return exactly(inArray(`jsonb_typeof(e) = 'number' AND e::text = ${this.params.add(number)}::text`))
      const byValue = inArray(`e = ${this.params.add(json)}::jsonb`)
      return { maybe: definite(byValue), surely: 'FALSE', exact: false }
    }
    if (typeof needle !== 'string') return exactly(inArray(`e = ${this.params.add(json)}::jsonb`))
    const key = `(jsonb_typeof(${value}) = 'object' AND jsonb_exists(${value}, ${this.params.add(needle)}::text))`
    const element = inArray(`e = ${this.params.add(json)}::jsonb`)
    const text = caselessContains(`(${value} #>> '{}')`, needle, this.params)
    const isString = `jsonb_typeof(${value}) = 'string'`
    return {
      maybe: definite(`(${element} OR ${key} OR (${isString} AND ${text.maybe}))`),
      surely: definite(`(${element} OR ${key} OR (${isString} AND ${text.surely}))`),
      exact: text.exact,
    }
  }

  private operand(expression: Expression): Operand {
    if (expression.kind === 'literal') return { kind: 'literal', value: expression.value }
    if (expression.kind !== 'path') return { kind: 'unknown' }
    let root: string | null
    let keys = expression.keys
    if (expression.root === 'event') {
      // `event.x` is the field x; `event` alone is an object eventscope builds, not a column.
      const [field, ...rest] = keys
      if (field === undefined) return { kind: 'unknown' }
      if (typeof field !== 'string' || !eventFields.has(field)) return noField
      root = this.root(field)
      keys = rest
    } else root = this.root(expression.root)
    if (root === null) return noField
    let sql = root
    for (const key of keys) sql = this.step(sql, key)
    return { kind: 'sql', sql }
  }

  // Each root as jsonb. A payload that is not an object reads as {} and metadata that is not one as
  // null, as the source's rows do (pg-rows.ts); a missing text column as JSON null.
  private root(name: string): string | null {
    const { columns } = this
    const text = (column: string | null): string =>
      column === null ? `'null'::jsonb` : `COALESCE(to_jsonb((${column})::text), 'null'::jsonb)`
    switch (name) {
      case 'payload':
        return `(CASE WHEN jsonb_typeof(${columns.payload}) = 'object' THEN ${columns.payload} ELSE '{}'::jsonb END)`
      case 'metadata':
        return columns.metadata === null
          ? `'null'::jsonb`
          : `(CASE WHEN jsonb_typeof(${columns.metadata}) = 'object' THEN ${columns.metadata} ELSE 'null'::jsonb END)`
      case 'type':
        return text(columns.type)
      case 'id':
        return text(columns.id)
      case 'occurredAt':
        return text(columns.occurredAt)
      case 'version':
        return `to_jsonb((${columns.version})::bigint)`
      case 'aggregateId':
        return `to_jsonb((${columns.streamId})::text)`
      default:
        // state and prev: a search has no states, so every path into them names nothing.
        return null
    }
  }

  // One step of a path as resolvePath takes it: a name looks up an object's key (an array has none);
  // a number indexes an array or looks up the key of that name in an object, which is what `#>` does.
  private step(sql: string, key: string | number): string {
    if (typeof key === 'string') return `(${sql} -> ${this.params.add(key)}::text)`
    if (key <= 2 ** 31 - 1) return `(${sql} #> '{${key}}')`
    return `(${sql} -> ${this.params.add(String(key))}::text)`
  }
}

/** The condition "`text` contains `needle`, ignoring case" over a SQL text expression, as bounds. */
export function caselessContains(text: string, needle: string, params: SqlParams): SqlCondition {
  if (!sendable(needle)) return unknown
  if (!isAscii(needle)) return unknown
  // For an ASCII needle, lower-casing ASCII alone (lower() under the "C" collation) finds every match
  // in ASCII text exactly; text with other characters may lower-case into ASCII (the Kelvin sign into
  // k), so it may match however it reads.
  const found = `strpos(lower(${text} COLLATE "C"), ${params.add(needle.toLowerCase())}::text) > 0`
  return {
    maybe: definite(`(${found} OR octet_length(${text}) <> char_length(${text}))`),
    surely: definite(`(${found})`),
    exact: false,
  }
}

const isConstant = (sql: string): boolean => sql === 'TRUE' || sql === 'FALSE'

const flipped: Readonly<Record<CompareOp, CompareOp>> = {
  '==': '==',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
}

const eventFields = new Set(['payload', 'metadata', 'type', 'id', 'occurredAt', 'version', 'aggregateId'])

const emptyEvent = {
  payload: {},
  metadata: null,
  type: null,
  id: null,
  occurredAt: null,
  version: 0,
  aggregateId: '',
} as const

const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

/**
 * A literal as JSON text PostgreSQL takes as jsonb with the same meaning, or null when it cannot: a
 * string PostgreSQL cannot hold (NUL, a lone surrogate), a number beyond numeric's range.
 */
function literalJson(literal: ExactJson): string | null {
  if (literal === null || typeof literal === 'boolean') return JSON.stringify(literal)
  if (typeof literal === 'string') return sendable(literal) ? JSON.stringify(literal) : null
  const number = numberTextOf(literal)
  if (number === null || !jsonNumber.test(number)) return null
  // numeric holds 131,072 digits before the point and 16,383 after; keep well inside both.
  const exponent = Number(/[eE]([+-]?\d+)$/.exec(number)?.[1] ?? '0')
  if (number.length > 1000 || Math.abs(exponent) > 10_000) return null
  // A double prints as the literal eventscope compares; a kept literal as written.
  return typeof literal === 'number' && isUnfaithful(number) ? null : number
}

/** Whether PostgreSQL text can carry the string unchanged (no NUL, no unpaired surrogate). */
function sendable(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const unit = text.charCodeAt(at)
    if (unit === 0) return false
    if (unit >= 0xdc00 && unit <= 0xdfff) return false
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(at + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false
      at++
    }
  }
  return true
}

function isAscii(text: string): boolean {
  for (let at = 0; at < text.length; at++) if (text.charCodeAt(at) > 0x7f) return false
  return true
}

/**
 * Whether "C" ordering (by code point, as UTF-8 bytes sort) agrees with JavaScript's (by UTF-16 code
 * unit) for this literal against any text: it does when the literal has no character from U+D800 up,
 * since at the first difference both then see the same smaller character on the literal's side.
 */
function ordersAsCodeUnits(text: string): boolean {
  return sendable(text) && !/[\ud800-\uffff]/.test(text)
}

/** The condition a value is true under, as evaluate.ts's truthy() has it. */
function truthySql(value: string): string {
  return `(CASE jsonb_typeof(${value}) WHEN 'boolean' THEN ${value} = 'true'::jsonb
    WHEN 'number' THEN (${value})::numeric <> 0 WHEN 'string' THEN ${value} <> '""'::jsonb
    WHEN 'object' THEN TRUE WHEN 'array' THEN TRUE ELSE FALSE END)`
}

function countNodes(expression: Expression, stop: number): number {
  let count = 0
  const pending: Expression[] = [expression]
  while (pending.length > 0 && count < stop) {
    const next = pending.pop() as Expression
    count++
    if (next.kind === 'not') pending.push(next.operand)
    else if (next.kind === 'and' || next.kind === 'or')
      for (const operand of next.operands) pending.push(operand)
    else if (next.kind === 'compare') pending.push(next.left, next.right)
    else if (next.kind === 'call') for (const arg of next.args) pending.push(arg)
  }
  return count
}
