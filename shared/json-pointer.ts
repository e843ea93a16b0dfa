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

/** The path a pointer names (`''` is the whole value), or null when it is not an RFC 6901 pointer. */
export function parsePointer(pointer: string): string[] | null {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) return null
  const keys = pointer.slice(1).split('/')
  // `~` must be followed by 0 or 1; `~1` is `/` and `~0` is `~`, unescaped in that order.
  if (keys.some((key) => /~(?![01])/.test(key))) return null
  return keys.map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'))
}
