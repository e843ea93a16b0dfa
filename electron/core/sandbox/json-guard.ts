// Script text evaluated inside every sandbox, before the caller's glue: the check that a value a user's
// function returned is JSON, with a path to what is not.
//
// JSON.stringify would quietly turn NaN into null and drop undefined and functions; a reducer that
// returns them has a bug the user should see, at the event that caused it.

/** Defines `__eventscopeCheckJson(value, where)` in the sandbox; throws `EventscopeJsonError`. */
export const jsonGuardScript = String.raw`
(function () {
  class EventscopeJsonError extends Error {}
  Object.defineProperty(EventscopeJsonError.prototype, 'name', { value: 'EventscopeJsonError' })
  const objectProto = Object.prototype
  const getProto = Object.getPrototypeOf
  const keysOf = Object.keys
  const isArray = Array.isArray
  function fail(path, what) {
    throw new EventscopeJsonError(path + ' is ' + what + ', which is not JSON')
  }
  function visit(value, path, ancestors) {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return
      case 'number':
        if (value !== value || value === Infinity || value === -Infinity) fail(path, String(value))
        return
      case 'undefined':
        return fail(path, 'undefined')
      case 'object': {
        if (value === null) return
        if (ancestors.indexOf(value) !== -1) fail(path, 'a cycle (it contains itself)')
        ancestors.push(value)
        if (isArray(value)) {
          for (let i = 0; i < value.length; i++) visit(value[i], path + '[' + i + ']', ancestors)
        } else {
          const proto = getProto(value)
          if (proto !== objectProto && proto !== null) {
            const name = value.constructor && typeof value.constructor.name === 'string' ? value.constructor.name : 'object'
            fail(path, 'a ' + name)
          }
          const keys = keysOf(value)
          for (let i = 0; i < keys.length; i++) visit(value[keys[i]], path + '.' + keys[i], ancestors)
        }
        ancestors.pop()
        return
      }
      default:
        return fail(path, 'a ' + typeof value)
    }
  }
  return function checkJson(value, where) {
    visit(value, where, [])
    return value
  }
})()
`
