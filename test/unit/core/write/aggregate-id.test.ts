import { describe, expect, it } from 'vitest'
import { unsafeAggregateIdReason } from '../../../../electron/core/write/aggregate-id'

describe('unsafeAggregateIdReason', () => {
  it.each([
    ['', 'empty'],
    ['../x', 'path separator'],
    ['a/b', 'path separator'],
    ['a\\b', 'path separator'],
    ['/abs', 'path separator'],
    ['C:\\x', 'path separator'],
    ['.', 'directory'],
    ['..', 'directory'],
    ['a\u0000b', 'control character'],
    ['tab\there', 'control character'],
    ['x.', 'ends with a dot'],
    ['x ', 'ends with a dot or a space'],
    ['CON', 'Windows reserves'],
    ['nul.txt', 'Windows reserves'],
    ['com1', 'Windows reserves'],
    ['a:b', 'Windows forbids'],
    ['x'.repeat(201), 'longer than 200 bytes'],
    ['é'.repeat(101), 'longer than 200 bytes'],
  ])('given the id %j, when checked, then it is refused because %s', (id, reason) => {
    expect(unsafeAggregateIdReason(id)).toContain(reason)
  })

  it.each(['3f2b9c1e-8d4a-4e7b-9a61-2c5d7e8f9a0b', 'order-42', 'Zoë', 'console', 'x'.repeat(200), 'a.b'])(
    'given the ordinary id %j, when checked, then it is accepted',
    (id) => {
      expect(unsafeAggregateIdReason(id)).toBeNull()
    },
  )
})
