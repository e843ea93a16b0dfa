// Evaluating a parsed expression against one event, and where the caller replayed the stream, the states
// before and after it: pure, total (never throws), prototype-safe.

import { isExactObject, jsonEqual, type ExactJson } from '../json/json-value'
import { compareNumberTexts, numberTextOf } from './exact-number'
import type { Expression } from './expression'

type Json = ExactJson

/** The fields of an event an expression can name. */
export interface EventFields {
  readonly payload: Json
  readonly metadata: Json
  readonly type: string | null
  readonly id: string | null
  readonly occurredAt: string | null
  readonly version: number
  readonly aggregateId: string
  /** The aggregate's state after the event (a check, a breakpoint); absent in a store-wide search. */
  readonly state?: Json
  /** The state before the event: version 0's state before the first event. */
  readonly prev?: Json
}

/** Whether the expression holds for the event. */
export function matches(expression: Expression, event: EventFields): boolean {
  return truthy(evaluate(expression, event))
}

/** The expression's value for the event (a watch); undefined where it names nothing. */
export function valueOf(expression: Expression, event: EventFields): Json | undefined {
  return evaluate(expression, event)
}

// undefined stands for "no such field"; it compares unequal to everything, null included.
function evaluate(expression: Expression, event: EventFields): Json | undefined {
  switch (expression.kind) {
    case 'literal':
      return expression.value
    case 'path':
      return resolvePath(rootOf(expression.root, event), expression.keys)
    case 'not':
      return !truthy(evaluate(expression.operand, event))
    case 'and':
      return expression.operands.every((operand) => truthy(evaluate(operand, event)))
    case 'or':
      return expression.operands.some((operand) => truthy(evaluate(operand, event)))
    case 'compare':
      return compare(expression.op, evaluate(expression.left, event), evaluate(expression.right, event))
    case 'call':
      return call(expression, event)
  }
}

function call(expression: Expression & { kind: 'call' }, event: EventFields): Json | undefined {
  if (expression.name === 'changed' || expression.name === 'from' || expression.name === 'to')
    return transition(expression, event)
  const [first, second] = expression.args.map((arg) => evaluate(arg, event))
  switch (expression.name) {
    case 'exists':
      return first !== undefined
    case 'lower':
      return typeof first === 'string' ? first.toLowerCase() : first
    case 'startsWith':
      return typeof first === 'string' && typeof second === 'string' && first.startsWith(second)
    case 'contains':
      // Text: case-insensitive substring (what a person searching for "ann" means); arrays: an element.
      if (typeof first === 'string' && typeof second === 'string')
        return first.toLowerCase().includes(second.toLowerCase())
      if (Array.isArray(first)) return first.some((item) => jsonEqual(item, second))
      if (isExactObject(first) && typeof second === 'string') return Object.hasOwn(first, second)
      return false
  }
}

// The parser made the first argument a path into the state (`state.x` or `prev.x`, the same keys): its
// value before and after the event. A value that appears or disappears changed.
function transition(expression: Expression & { kind: 'call' }, event: EventFields): boolean {
  const [path, value] = expression.args
  if (path?.kind !== 'path') return false
  const before = resolvePath(event.prev, path.keys)
  const after = resolvePath(event.state, path.keys)
  const same = (a: Json | undefined, b: Json | undefined): boolean =>
    a === undefined || b === undefined ? a === b : compare('==', a, b)
  if (expression.name === 'changed') return !same(before, after)
  const wanted = value === undefined ? undefined : evaluate(value, event)
  if (expression.name === 'from') return compare('==', before, wanted) && !same(after, wanted)
  return compare('==', after, wanted) && !same(before, wanted)
}

function compare(op: string, left: Json | undefined, right: Json | undefined): boolean {
  // Two doubles order as the decimals they print as (each shortest text lies inside its own rounding
  // interval), so they compare directly: the hot path of an invariant checked at a million versions.
  if (
    typeof left === 'number' &&
    typeof right === 'number' &&
    Number.isFinite(left) &&
    Number.isFinite(right)
  )
    return compareDoubles(op, left, right)
  // Two numbers compare by the exact value of what was written (exact-number.ts), never as doubles.
  const a = numberTextOf(left)
  const b = numberTextOf(right)
  const numeric = a !== null && b !== null ? compareNumberTexts(a, b) : null
  if (op === '==' || op === '!=') {
    const equal =
      numeric !== null ? numeric === 0 : left !== undefined && right !== undefined && jsonEqual(left, right)
    return op === '==' ? equal : !equal
  }
  // Order only between two numbers or two strings (ISO times compare as text); anything else is false.
  let order: number
  if (numeric !== null) order = numeric
  else if (typeof left === 'string' && typeof right === 'string')
    order = left < right ? -1 : left > right ? 1 : 0
  else return false
  switch (op) {
    case '<':
      return order < 0
    case '<=':
      return order <= 0
    case '>':
      return order > 0
    default:
      return order >= 0
  }
}

function compareDoubles(op: string, a: number, b: number): boolean {
  switch (op) {
    case '==':
      return a === b
    case '!=':
      return a !== b
    case '<':
      return a < b
    case '<=':
      return a <= b
    case '>':
      return a > b
    default:
      return a >= b
  }
}

function rootOf(root: string, event: EventFields): Json | undefined {
  switch (root) {
    case 'state':
      return event.state
    case 'prev':
      return event.prev
    case 'event':
      return {
        payload: event.payload,
        metadata: event.metadata,
        type: event.type,
        id: event.id,
        occurredAt: event.occurredAt,
        version: event.version,
        aggregateId: event.aggregateId,
      }
    case 'payload':
      return event.payload
    case 'metadata':
      return event.metadata
    case 'type':
      return event.type
    case 'id':
      return event.id
    case 'occurredAt':
      return event.occurredAt
    case 'version':
      return event.version
    case 'aggregateId':
      return event.aggregateId
    default:
      return undefined
  }
}

function resolvePath(value: Json | undefined, keys: readonly (string | number)[]): Json | undefined {
  let at = value
  for (const key of keys) {
    if (Array.isArray(at) && typeof key === 'number') at = at[key]
    else if (isExactObject(at) && Object.hasOwn(at, String(key))) at = at[String(key)]
    else return undefined
  }
  return at
}

function truthy(value: Json | undefined): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0
  if (value === undefined || value === null || value === '') return false
  const number = numberTextOf(value)
  return number === null || compareNumberTexts(number, '0') !== 0
}
