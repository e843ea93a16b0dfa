// Script text evaluated inside every sandbox before the user's module: a function that turns whatever
// the user's code threw into plain JSON text (name, message, stack as strings), reading only data
// properties, so a thrown Proxy, a getter that loops or a `stack` getter runs none of its own code
// outside the call's limits.
//
// The reader is called inside the same limits as the call that threw (a Proxy trap it triggers is still
// user code); it captures the built-ins it uses before the module runs, so a module that replaces
// `JSON.stringify` or `Object.getOwnPropertyDescriptor` cannot change how its errors are read.

/** Longest name, message or stack kept from a thrown value. */
export const maxThrownText = 4000

/** Evaluates to `readThrown(value)`, which returns JSON text of a ThrownData. */
export const thrownReaderScript = String.raw`
(function () {
  const getOwn = Object.getOwnPropertyDescriptor
  const getProto = Object.getPrototypeOf
  const create = Object.create
  const stringify = JSON.stringify
  const apply = Reflect.apply
  const slice = String.prototype.slice
  const toText = String
  const max = ${maxThrownText}
  function cap(text) {
    return text.length > max ? apply(slice, text, [0, max]) + '…' : text
  }
  function dataString(object, key) {
    try {
      const descriptor = getOwn(object, key)
      if (descriptor === undefined || typeof descriptor.value !== 'string') return null
      return cap(descriptor.value)
    } catch (ignored) {
      return null
    }
  }
  function nameOf(value) {
    let object = value
    for (let depth = 0; depth < 8 && object !== null; depth++) {
      const own = dataString(object, 'name')
      if (own !== null) return own
      try {
        object = getProto(object)
      } catch (ignored) {
        return null
      }
    }
    return null
  }
  return function readThrown(value) {
    const out = create(null)
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      out.type = typeof value
      out.primitive = cap(typeof value === 'string' ? value : toText(value))
    } else {
      out.name = nameOf(value)
      out.message = dataString(value, 'message')
      out.stack = dataString(value, 'stack')
    }
    return stringify(out)
  }
})()
`

/** What the reader returns: an object's string data properties, or a primitive as text. */
export interface ThrownData {
  readonly primitive?: string
  /** `typeof` the thrown primitive. */
  readonly type?: string
  readonly name?: string | null
  readonly message?: string | null
  readonly stack?: string | null
}
