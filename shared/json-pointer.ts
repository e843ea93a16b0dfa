// JSON Pointers (RFC 6901): how the contract names a place inside a JSON value, e.g. the exact digits of
// an integer beyond 2^53 at `/order/items/0/id`. Both main and the renderer build them from paths.

/** The pointer to `path` (keys and array indices as strings); `''` is the whole value. */
export function jsonPointer(path: readonly string[]): string {
  let pointer = ''
  for (const key of path) pointer = childPointer(pointer, key)
  return pointer
}

/** The pointer to `key` inside the value at `pointer`. */
export function childPointer(pointer: string, key: string): string {
  return `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`
}
