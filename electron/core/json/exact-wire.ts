// Exact values across the contract. Inside main a replayed state may hold bigints (integers beyond 2^53)
// and NumberLiterals (`1.0`, `-0.0`, `1E5`, `1e400`…, see big-integers.ts); neither JSON nor the
// renderer's types carry them, so at the boundary each becomes its nearest number in the value (null
// for one beyond the double range, which JSON cannot carry) and its literal in a side map: JSON
// Pointer -> literal. The renderer shows the literal wherever the map has one, and marks any other
// number beyond 2^53 as rounded.

import type { Change, ExactIntegers, Json } from '../../../shared/contract'
import { StoreError } from '../errors'
import { jsonPointer, parsePointer } from '../../../shared/json-pointer'
import { isUnfaithful } from '../../../shared/number-literals'
import { keptLiteral } from './big-integers'
import {
  isExactObject,
  isNumberLiteral,
  literalNumber,
  setOwn,
  type ExactChange,
  type ExactJson,
  type ExactJsonObject,
} from './json-value'

/** A value for the contract and, when it held any bigint, where they are and their digits. */
export interface WireValue {
  readonly value: Json
  readonly exact: ExactIntegers | undefined
}

/**
 * `value` with each bigint as a number, and the digits of each by pointer.
 *
 * O(size of value), no allocation when it holds no bigint (the value itself is returned). Where it
 * does, only the objects and arrays on the way to one are copied.
 */
export function toWire(value: ExactJson): WireValue {
  const exact: Record<string, string> = {}
  const wired = wire(value, [], exact)
  return { value: wired, exact: wired === value ? undefined : exact }
}

/** A change for the contract: `before`/`after` as numbers, their exact digits beside them. */
export function toWireChange(change: ExactChange): Change {
  const before = change.before === undefined ? undefined : toWire(change.before)
  const after = change.after === undefined ? undefined : toWire(change.after)
  return {
    path: change.path,
    kind: change.kind,
    ...(before ? { before: before.value } : {}),
    ...(after ? { after: after.value } : {}),
    ...(before?.exact ? { exactBefore: before.exact } : {}),
    ...(after?.exact ? { exactAfter: after.exact } : {}),
  }
}

/** Changes for the contract; see toWireChange. */
export function toWireChanges(changes: readonly ExactChange[]): Change[] {
  return changes.map(toWireChange)
}

// Returns `value` itself when nothing below it is a bigint, so callers can tell whether to copy. The path
// is one stack, pushed and popped: a pointer is built only for a bigint found.
function wire(value: ExactJson, path: string[], exact: Record<string, string>): Json {
  if (typeof value === 'bigint') {
    exact[jsonPointer(path)] = value.toString()
    return Number(value)
  }
  if (isNumberLiteral(value)) {
    exact[jsonPointer(path)] = value.valueOf()
    const number = literalNumber(value)
    return Number.isFinite(number) ? number : null
  }
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    let copy: Json[] | null = null
    for (let i = 0; i < value.length; i++) {
      const item = value[i] as ExactJson
      path.push(String(i))
      const wired = wire(item, path, exact)
      path.pop()
      if (wired !== item && copy === null) copy = value.slice(0, i) as Json[]
      copy?.push(wired)
    }
    return copy ?? (value as Json[])
  }
  let copy: { [key: string]: Json } | null = null
  const keys = Object.keys(value)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    const item = value[key] as ExactJson
    path.push(key)
    const wired = wire(item, path, exact)
    path.pop()
    if (wired !== item && copy === null) {
      copy = {}
      for (let j = 0; j < i; j++) setOwn(copy, keys[j] as string, value[keys[j] as string] as Json)
    }
    if (copy) setOwn(copy, key, wired)
  }
  return copy ?? (value as { [key: string]: Json })
}

/**
 * The inverse of toWire, for values the page sends (an appended payload): `value` with the literal at
 * each pointer of `exact` kept (an integer beyond 2^53 as a bigint, any other as a NumberLiteral).
 * Refused (invalid_input) when a pointer does not name a number of `value` (or a null, for a literal
 * beyond the double range), or the literal is not that number (the page's nearest double must agree
 * with the literal it sends). `value` is not changed; the objects on the way are copied.
 */
export function fromWire(value: Json, exact: ExactIntegers | undefined): ExactJson {
  if (!exact) return value
  let result: ExactJson = value
  for (const [pointer, digits] of Object.entries(exact)) {
    const path = parsePointer(pointer)
    if (path === null) throw new StoreError('invalid_input', `"${pointer}" is not a JSON Pointer.`)
    result = withBigint(result, path, 0, digits, pointer)
  }
  return result
}

function withBigint(
  at: ExactJson,
  path: string[],
  depth: number,
  digits: string,
  pointer: string,
): ExactJson {
  if (depth === path.length) {
    const number = Number(digits)
    // -0 crosses JSON as 0, so `==` on numbers: the literal says which it was.
    const agrees = Number.isFinite(number) ? typeof at === 'number' && number === at : at === null
    // A literal that prints back as the number needs no keeping: the page has no reason to send it.
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(digits) || !isUnfaithful(digits) || !agrees)
      throw new StoreError(
        'invalid_input',
        `The literal given for ${pointer} does not match the number there.`,
      )
    return keptLiteral(digits)
  }
  const key = path[depth] as string
  if (Array.isArray(at)) {
    const index = /^(0|[1-9]\d*)$/.test(key) ? Number(key) : -1
    if (index < 0 || index >= at.length) throw noSuchPlace(pointer)
    const copy = at.slice()
    copy[index] = withBigint(at[index] as ExactJson, path, depth + 1, digits, pointer)
    return copy
  }
  if (!isExactObject(at) || !Object.hasOwn(at, key)) throw noSuchPlace(pointer)
  const copy: ExactJsonObject = { ...at }
  setOwn(copy, key, withBigint(at[key] as ExactJson, path, depth + 1, digits, pointer))
  return copy
}

function noSuchPlace(pointer: string): StoreError {
  return new StoreError('invalid_input', `${pointer} names no value of the payload.`)
}
