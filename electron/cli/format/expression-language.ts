// The expression language's reference, written once: `eventscope help where`, the end of `help check`,
// and the README's "Expressions" section (which a test holds to this text word for word). The grammar
// itself is electron/core/search/expression.ts; a descriptor imports this, so it stays free of imports.

export const expressionLanguage = `Expressions (search --where, check --invariant, the explorer's watches and breakpoints):
  payload.amount > 100 and exists(payload.reason)
  type == "OrderCancelled" or contains(lower(payload.name), "ann")
  state.balance >= 0                       an invariant: must hold after every event
  changed(state.status)                    the event changed that part of the state
  from(state.status, "open") to(state.status, "paid")
                                           the event moved it from one value to the other
A path starts at a root and goes on with .name, [index] or ["any key"]:
  payload, metadata, type, id, occurredAt, version, aggregateId
                                           the event (the envelope's normalized fields)
  event                                    the same fields in one value: event.type, event.payload.x
  state, prev                              the aggregate's state after the event and before it
                                           (check and breakpoints only: search reads events
                                           without replaying them, so it refuses these)
Operators: == != < <= > >=, and (&&), or (||), not (!), parentheses. Literals: "text" or 'text',
numbers, true, false, null. A path that names nothing is unequal to everything, null included, and
orders with nothing; exists(path) asks whether it names something.
Functions: exists(path); contains(x, s) (text: ignoring case; a list: an element; an object: a key);
startsWith(x, s); lower(x); changed(path); from(path, value); to(path, value). The path of changed,
from and to is a path into the state (state.x or prev.x, the same keys): changed is true when its
value differs before and after the event (appearing or disappearing counts); from(p, v) when it was v
and is no longer; to(p, v) when it is v and was not; from(p, v) to(p, w) is from(p, v) and to(p, w).
Numbers compare by the exact value written: integers beyond 2^53 by every digit, decimals by value
(1.0 == 1, 0.10 == 0.1), 1e400 above every double. Text orders by code unit (ISO times as text).
Truthy: anything but a missing value, null, false, "" and 0. A malformed expression is refused with
the column where it stopped making sense.`
