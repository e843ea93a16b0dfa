// The language's debugger half: `state`, `prev`, `event`, changed(), from() to(), and search refusing them.

import { describe, expect, it } from 'vitest'
import { matches, valueOf, type EventFields } from '../../../../electron/core/search/evaluate'
import { needsState, parseExpression } from '../../../../electron/core/search/expression'
import { ExpressionError } from '../../../../electron/core/search/expression-error'
import { compileSearch } from '../../../../electron/core/search/search-query'

const step: EventFields = {
  payload: { status: 'paid', amount: 30 },
  metadata: null,
  type: 'OrderPaid',
  id: 'e-7',
  occurredAt: '2026-03-01T09:00:00Z',
  version: 7,
  aggregateId: 'order-1',
  prev: { status: 'open', total: 30, lines: [{ sku: 'A' }], note: 'x' },
  state: { status: 'paid', total: 30, lines: [{ sku: 'A' }], paidAt: 7 },
}

const holds = (text: string, fields: EventFields = step): boolean => matches(parseExpression(text), fields)

function refusal(run: () => unknown): ExpressionError {
  try {
    run()
  } catch (error) {
    if (error instanceof ExpressionError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('expressions over the states around an event', () => {
  it.each([
    ['state.status == "paid"', true],
    ['prev.status == "open"', true],
    ['state.total >= 0 and state.lines[0].sku == "A"', true],
    ['event.type == "OrderPaid" and event.version == 7 and event.payload.amount == 30', true],
    ['type == "OrderPaid"', true],
    ['changed(state.status)', true],
    ['changed(state.total)', false],
    ['changed(state.lines)', false],
    ['changed(state.paidAt)', true],
    ['changed(prev.note)', true],
    ['changed(state.missing)', false],
    ['from(state.status, "open") to(state.status, "paid")', true],
    ['from(state.status, "open") and to(state.status, "paid")', true],
    ['from(state.status, "paid") to(state.status, "open")', false],
    ['to(state.status, "paid")', true],
    ['from(state.status, "open")', true],
    ['to(state.total, 30)', false],
    ['from(state.total, 30)', false],
    ['not from(state.status, "open") to(state.status, "paid")', false],
    ['exists(state.paidAt) and not exists(prev.paidAt)', true],
  ])('given an event that paid an order, when %s is evaluated, then it is %s', (text, expected) => {
    expect(holds(text)).toBe(expected)
  })

  it('given a transition, when it is parsed, then it is the conjunction of its two halves', () => {
    expect(parseExpression('from(state.s, 1) to(state.s, 2)').kind).toBe('and')
  })

  it('given watches, when their values are read, then they are the values, undefined where nothing is named', () => {
    expect(valueOf(parseExpression('state.lines[0]'), step)).toEqual({ sku: 'A' })
    expect(valueOf(parseExpression('prev.total'), step)).toBe(30)
    expect(valueOf(parseExpression('state.nothing'), step)).toBeUndefined()
    expect(valueOf(parseExpression('event.id'), step)).toBe('e-7')
  })

  it('given no states (a store-wide search), when a state path is evaluated, then it names nothing', () => {
    const { state: _state, prev: _prev, ...event } = step
    expect(holds('state.status == "paid"', event)).toBe(false)
    expect(holds('changed(state.status)', event)).toBe(false)
  })

  it.each([
    ['changed(payload.status)', 'changed() takes a path into the state'],
    ['changed("x")', 'changed() takes a path into the state'],
    ['from(payload.s, 1)', 'from() takes a path into the state'],
    ['from(state.s, 1) to', 'Expected "to(path, value)"'],
    ['changed(state.a, state.b)', 'changed() takes 1 argument, got 2'],
    ['stat.balance >= 0', 'Unknown name "stat"'],
  ])('given %s, when parsed, then it is refused saying %s', (text, message) => {
    expect(refusal(() => parseExpression(text)).message).toContain(message)
  })

  it('given expressions, when asked whether they need states, then the column of the first such name answers', () => {
    expect(needsState(parseExpression('payload.a == 1 and event.type == "x"'))).toBeNull()
    expect(needsState(parseExpression('payload.a == 1 and state.b == 2'))).toBe(20)
    expect(needsState(parseExpression('not changed(state.b)'))).toBe(5)
  })

  it('given a search whose --where names the state, when compiled, then it is refused at that column', () => {
    const error = refusal(() => compileSearch({ where: 'type == "X" or prev.n > 1' }))
    expect(error.column).toBe(16)
    expect(error.message).toContain('eventscope check')
    expect(() => compileSearch({ where: 'event.payload.n > 1' })).not.toThrow()
  })
})
