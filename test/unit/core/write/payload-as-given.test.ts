// Every envelope style writes a payload as given: random key orders (integer-like keys among others,
// at every depth) and random number literals (1.0, -0.0, 1E5, 0.10, 1e-400, 1e400, beyond 2^53) land in
// the line exactly as typed, after the envelope fields.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EnvelopeStyle } from '../../../../shared/contract'
import { parseJsonExact } from '../../../../electron/core/json/big-integers'
import type { JsonObject } from '../../../../electron/core/json/json-value'
import { buildEventLine, seedStyle } from '../../../../electron/core/write/event-line'

// (Faithful numbers whose Python text differs, like 2.5e-07, are Python's in the flat style: left out.)
// A JSON value as pairs, so both of its texts (JSON.stringify's and Python's json.dumps's) can be
// written in the order generated, which no JavaScript object could hold.
type Node = { leaf: string } | { list: Node[] } | { members: [string, Node][] }

const literal = fc.oneof(
  fc.constantFrom(
    '1.0',
    '-0.0',
    '1E5',
    '1e-400',
    '1e400',
    '0.10',
    '9007199254740993',
    '-18446744073709551616',
  ),
  fc.constantFrom('0', '7', '-3', '0.5', '1.25', '"text"', 'true', 'null'),
)
const key = fc.oneof(fc.nat({ max: 40 }).map(String), fc.constantFrom('b', 'x', 'amount', 'k10', 'name'))
const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal.map((leaf) => ({ leaf })),
    fc.array(tie('node'), { maxLength: 3 }).map((list) => ({ list })),
    fc
      .uniqueArray(fc.tuple(key, tie('node')), { selector: ([k]) => k, maxLength: 5 })
      .map((members) => ({ members })),
  ),
})).node
const payload = fc
  .uniqueArray(fc.tuple(key, node), { selector: ([k]) => k, minLength: 1, maxLength: 6 })
  .map((members): Node => ({ members }))

function text(n: Node, python: boolean): string {
  const [comma, colon] = python ? [', ', ': '] : [',', ':']
  if ('leaf' in n) return n.leaf
  if ('list' in n) return `[${n.list.map((item) => text(item, python)).join(comma)}]`
  return `{${n.members.map(([k, v]) => `"${k}"${colon}${text(v, python)}`).join(comma)}}`
}

const event = (payloadValue: JsonObject) => ({
  aggregateId: 'a',
  eventType: 'T',
  eventId: 'e',
  occurredAt: '2026-01-01T00:00:00+00:00',
  payload: payloadValue,
  metadata: null,
})
const nested = (field: 'data' | 'payload'): EnvelopeStyle => ({
  payload: field,
  typeField: 'type',
  idField: 'id',
  timeField: 'timestamp',
  aggregateIdField: 'aggregateId',
})

describe('a payload is written as given in every envelope style', () => {
  for (const field of ['data', 'payload'] as const) {
    it(`given random key orders and literals, when a "${field}"-style line is built, then the payload is the text typed`, () => {
      fc.assert(
        fc.property(payload, (p) => {
          const typed = text(p, false)
          const { line } = buildEventLine(nested(field), event(parseJsonExact(typed) as JsonObject))
          expect(line).toBe(
            `{"id":"e","type":"T","aggregateId":"a","timestamp":"2026-01-01T00:00:00+00:00","${field}":${typed}}`,
          )
        }),
        { numRuns: 300 },
      )
    })
  }

  it('given random key orders and literals, when a flat seed-style line is built, then it is json.dumps of the payload as typed', () => {
    fc.assert(
      fc.property(payload, (p) => {
        const { line } = buildEventLine(seedStyle, event(parseJsonExact(text(p, false)) as JsonObject))
        const members = text(p, true).slice(1)
        expect(line).toBe(
          `{"event_id": "e", "event_type": "T", "aggregate_id": "a", "occurred_at": "2026-01-01T00:00:00+00:00", ${members}`,
        )
      }),
      { numRuns: 300 },
    )
  })

  it('given the example of the issue, when a data-style line is built, then keys and 1.0 stay as typed', () => {
    const typed = '{"b":1,"2":"two","1":"one","x":1.0}'
    const { line } = buildEventLine(nested('data'), event(parseJsonExact(typed) as JsonObject))
    expect(line).toContain(`"data":${typed}}`)
  })
})
