// Evaluating a parsed search expression against one event: pure, total (never throws), prototype-safe.

import type { Json } from '../../../shared/contract'
import { isJsonObject, jsonEqual } from '../json/json-value'
import type { Expression } from './expression'

/** The fields of an event an expression can name. */
export interface EventFields {
  readonly payload: Json
  readonly metadata: Json
  readonly type: string | null
  readonly id: string | null
  readonly occurredAt: string | null
  readonly version: number
  readonly aggregateId: string
}

/** Whether the expression holds for the event. */
export function matches(expression: Expression, event: EventFields): boolean {
  return truthy(evaluate(expression, event))
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
      return truthy(evaluate(expression.left, event)) && truthy(evaluate(expression.right, event))
    case 'or':
      return truthy(evaluate(expression.left, event)) || truthy(evaluate(expression.right, event))
    case 'compare':
      return compare(expression.op, evaluate(expression.left, event), evaluate(expression.right, event))
    case 'call':
      return call(expression, event)
  }
}

function call(expression: Expression & { kind: 'call' }, event: EventFields): Json | undefined {
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
      if (isJsonObject(first) && typeof second === 'string') return Object.hasOwn(first, second)
      return false
  }
}

function compare(op: string, left: Json | undefined, right: Json | undefined): boolean {
  if (op === '==') return left !== undefined && right !== undefined && jsonEqual(left, right)
  if (op === '!=') return !(left !== undefined && right !== undefined && jsonEqual(left, right))
  // Order only between two numbers or two strings (ISO times compare as text); anything else is false.
  const comparable =
    (typeof left === 'number' && typeof right === 'number') ||
    (typeof left === 'string' && typeof right === 'string')
  if (!comparable) return false
  const a = left as number | string
  const b = right as number | string
  switch (op) {
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
    else if (isJsonObject(at) && Object.hasOwn(at, String(key))) at = at[String(key)]
    else return undefined
  }
  return at
}

function truthy(value: Json | undefined): boolean {
  return value !== undefined && value !== null && value !== false && value !== 0 && value !== ''
}
