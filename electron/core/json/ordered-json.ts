// Compact JSON text (JSON.stringify's format) that keeps what the user gave: every object's keys in the
// order remembered for it (key-order.ts; JavaScript would list "2" and "1" first) and every number as
// written (bigints and NumberLiterals, as stringifyExact does). The writer of the data/payload envelope
// styles, whose lines are JSON.stringify's format, uses it so a payload lands as typed.
// Pure. Iterative (an explicit stack), so no nesting a line can hold overflows the call stack.

import { stringifyExact } from './big-integers'
import { isNumberLiteral } from './json-value'
import { keysInOrder } from './key-order'

type Task = string | { readonly value: unknown }

/** JSON.stringify(value) for JSON data, with remembered key orders and kept number literals. */
export function stringifyInGivenOrder(value: unknown): string {
  let out = ''
  const stack: Task[] = [{ value }]
  while (stack.length > 0) {
    const task = stack.pop() as Task
    if (typeof task === 'string') {
      out += task
      continue
    }
    const item = task.value
    if (Array.isArray(item)) {
      const tasks: Task[] = ['[']
      item.forEach((element: unknown, i) => {
        if (i > 0) tasks.push(',')
        // As JSON.stringify: an element that has no JSON form is null.
        tasks.push({ value: hasJsonForm(element) ? element : null })
      })
      tasks.push(']')
      for (let i = tasks.length - 1; i >= 0; i--) stack.push(tasks[i] as Task)
    } else if (typeof item === 'object' && item !== null && !isNumberLiteral(item)) {
      const record = item as Record<string, unknown>
      const tasks: Task[] = ['{']
      let first = true
      for (const key of keysInOrder(record)) {
        if (!Object.hasOwn(record, key) || !hasJsonForm(record[key])) continue
        tasks.push(`${first ? '' : ','}${JSON.stringify(key)}:`, { value: record[key] })
        first = false
      }
      tasks.push('}')
      for (let i = tasks.length - 1; i >= 0; i--) stack.push(tasks[i] as Task)
    } else {
      // A leaf: null, boolean, string, number, bigint or a kept literal, each as stringifyExact writes it.
      out += stringifyExact(item)
    }
  }
  return out
}

function hasJsonForm(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol'
}
