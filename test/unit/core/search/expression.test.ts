import { describe, expect, it } from 'vitest'
import { matches, type EventFields } from '../../../../electron/core/search/evaluate'
import { maxExpressionDepth, parseExpression } from '../../../../electron/core/search/expression'
import { ExpressionError } from '../../../../electron/core/search/expression-error'

const event: EventFields = {
  payload: {
    email: 'x@y',
    amount: 150,
    name: 'Joanna',
    tags: ['vip', 'new'],
    reason: null,
    nested: { deep: [1, 2] },
  },
  metadata: { correlation_id: 'c-1' },
  type: 'MoneyDeposited',
  id: 'e-1',
  occurredAt: '2026-03-01T09:00:00Z',
  version: 3,
  aggregateId: 'acc-1',
}

const holds = (text: string): boolean => matches(parseExpression(text), event)

function errorOf(text: string): ExpressionError {
  try {
    parseExpression(text)
  } catch (error) {
    if (error instanceof ExpressionError) return error
    throw error
  }
  throw new Error(`expected ${text} to be refused`)
}

describe('search expressions', () => {
  it.each([
    ['payload.email == "x@y"', true],
    ["payload.email == 'x@y'", true],
    ['payload.email != "x@y"', false],
    ['payload.amount > 100', true],
    ['payload.amount <= 100', false],
    ['payload.amount >= 150 and payload.amount < 151', true],
    ['exists(payload.reason)', true],
    ['exists(payload.missing)', false],
    ['not exists(payload.missing)', true],
    ['payload.missing == null', false],
    ['payload.reason == null', true],
    ['contains(payload.name, "ann")', true],
    ['contains(payload.tags, "vip")', true],
    ['contains(payload.tags, "old")', false],
    ['startsWith(type, "Money")', true],
    ['payload.nested.deep[1] == 2', true],
    ['payload["email"] == "x@y"', true],
    ['metadata.correlation_id == "c-1"', true],
    ['type == "MoneyDeposited" or type == "MoneyWithdrawn"', true],
    ['(payload.amount > 1000 or payload.amount < 200) and not (type == "X")', true],
    ['payload.amount > "100"', false],
    ['occurredAt >= "2026-03-01"', true],
    ['version == 3 and aggregateId == "acc-1" and id == "e-1"', true],
    ['payload.flag == true', false],
    ['lower(payload.name) == "joanna"', true],
    ['payload.constructor == null', false],
    ['exists(payload.__proto__)', false],
  ])('given the event, when %s is evaluated, then it is %s', (text, expected) => {
    expect(holds(text)).toBe(expected)
  })

  it.each([
    ['payload.amount > ', 'Expected a value at column 18'],
    ['payload.email = "x"', 'Use "==" to compare, not "=" at column 15'],
    ['payload.email == "x', 'Unterminated string at column 18'],
    ['(payload.amount > 1', 'Expected a closing ")", found the end at column 20'],
    ['payload.amount > 1)', 'Unmatched ")" at column 19'],
    [
      'amount > 1',
      'Unknown name "amount": a path starts with payload, metadata, type, id, occurredAt, version, aggregateId, event, state, prev at column 1',
    ],
    ['exists(payload.a, payload.b)', 'exists() takes 1 argument, got 2 at column 1'],
    [
      'frobnicate(payload.a)',
      'Unknown function "frobnicate" (known: exists, contains, startsWith, lower, changed, from, to) at column 1',
    ],
    ['payload.a == 1 and', 'Expected a value at column 19'],
    ['payload. == 1', 'Expected a field name after "." at column 10'],
    ['payload.a # 1', 'Unexpected character "#" at column 11'],
    ['payload.a == 1 payload.b', 'Expected "and", "or" or the end, found "payload" at column 16'],
  ])('given the malformed %s, when parsed, then the error names the column', (text, message) => {
    expect(errorOf(text).message).toBe(message)
  })
})

describe('parseExpression depth', () => {
  it.each([
    ['parentheses', `${'('.repeat(100_000)}type == "A"${')'.repeat(100_000)}`],
    ['not', `${'not '.repeat(100_000)}exists(payload.a)`],
    ['function arguments', `${'lower('.repeat(100_000)}payload.a${')'.repeat(100_000)} == "a"`],
  ])(
    'given %s 100,000 deep, when parsed, then it is an ExpressionError naming the limit, not a stack overflow',
    (_, text) => {
      expect(() => parseExpression(text)).toThrow(ExpressionError)
      expect(() => parseExpression(text)).toThrow(`nested more than ${maxExpressionDepth} levels deep`)
    },
  )

  const ids = Array.from({ length: 100_000 }, (_, i) => `order-${i}`)
  it.each([
    ['and', 'and', ids.map((id) => `aggregateId != "${id}"`).join(' and ')],
    ['&&', 'and', ids.map((id) => `aggregateId != "${id}"`).join(' && ')],
    ['or', 'or', ids.map((id) => `aggregateId == "${id}"`).join(' or ')],
    ['or, each an and', 'or', ids.map((id) => `aggregateId == "${id}" and version > 1`).join(' or ')],
  ] as const)(
    'given a chain of 100,000 operands joined by %s, when parsed and evaluated, then it is one level, every operand kept',
    (_, kind, text) => {
      const expression = parseExpression(text)
      expect(expression).toMatchObject({ kind })
      expect(expression.kind === kind && expression.operands).toHaveLength(100_000)
      const fields = { payload: {}, metadata: {}, type: 'T', id: null, occurredAt: null, version: 2 }
      // Only the last operand tells these two apart: it was evaluated, not dropped.
      expect(matches(expression, { ...fields, aggregateId: 'order-99999' })).toBe(kind === 'or')
      expect(matches(expression, { ...fields, aggregateId: 'order-x' })).toBe(kind === 'and')
    },
  )

  it('given an expression just under the limit, when parsed and evaluated, then it works', () => {
    const text = `${'('.repeat(maxExpressionDepth - 1)}type == "A"${')'.repeat(maxExpressionDepth - 1)}`
    expect(parseExpression(text)).toMatchObject({ kind: 'compare' })
    const chain = Array.from({ length: maxExpressionDepth - 1 }, () => 'type == "A"').join(' or ')
    expect(parseExpression(chain)).toMatchObject({ kind: 'or' })
  })
})
