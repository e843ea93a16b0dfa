// The key order of objects as the user typed them. A JavaScript object lists integer-like keys ("2",
// "1") first, whatever order they were written in; Python's dicts (the seed's json.dumps) keep the
// order given. So for text a user hands over to be written (append --data, batch and import lines),
// the order of any object that JavaScript would change is remembered beside it, and the writers of
// the seed's flat style follow it. Pure apart from the WeakMap, which holds nothing alive.

import { arrayElements, objectMembers, skipSpace } from './json-members'
import { isExactObject } from './json-value'

const sourceOrder = new WeakMap<object, readonly string[]>()
const integerLikeKey = /"(?:0|[1-9]\d*)"\s*:/

/** The object's keys in the order they were written, where that was remembered; else its own order. */
export function keysInOrder(object: object): readonly string[] {
  return sourceOrder.get(object) ?? Object.keys(object)
}

/** The order remembered for an object, or undefined (its own order then). */
export function givenOrder(object: object): readonly string[] | undefined {
  return sourceOrder.get(object)
}

/** Remember an order for an object (a writer building a line in the order given). */
export function keepKeyOrder(object: object, keys: readonly string[]): void {
  sourceOrder.set(object, keys)
}

/**
 * Remember, for every object of `value` (JSON.parse of `text`) whose key order JavaScript changed, the
 * order of `text`. O(text), without recursion; nothing at all when no key of the text is integer-like.
 */
export function rememberKeyOrder(text: string, value: unknown): void {
  if (!integerLikeKey.test(text)) return
  const stack: [unknown, number][] = [[value, skipSpace(text, 0)]]
  while (stack.length > 0) {
    const [item, at] = stack.pop() as [unknown, number]
    if (Array.isArray(item)) {
      arrayElements(text, at).forEach((start, i) => stack.push([item[i], start]))
    } else if (isExactObject(item)) {
      const { members } = objectMembers(text, at)
      const keys: string[] = []
      const seen = new Set<string>()
      const last = new Map<string, number>()
      for (const member of members) {
        if (!seen.has(member.key)) keys.push(member.key)
        seen.add(member.key)
        last.set(member.key, member.valueStart)
      }
      const own = Object.keys(item)
      if (own.some((key, i) => key !== keys[i])) sourceOrder.set(item, keys)
      for (const [key, start] of last) stack.push([item[key], start])
    }
  }
}
