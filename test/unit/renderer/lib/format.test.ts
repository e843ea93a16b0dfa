import { describe, expect, it } from 'vitest'
import {
  clip,
  describeOpenFailure,
  describeProblem,
  describeStyle,
  formatCount,
  layoutLabel,
  messageOf,
  previewJson,
} from '../../../../renderer/src/lib/format'
import type { Problem } from '../../../../shared/contract'

describe('formatCount', () => {
  it('given numbers, when formatted, then thousands are separated by commas', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(999)).toBe('999')
    expect(formatCount(1234567)).toBe('1,234,567')
  })
})

describe('describeStyle', () => {
  it('given a flat envelope, when described, then payload, type field and time field are joined', () => {
    expect(
      describeStyle({
        payload: 'flat',
        typeField: 'event_type',
        idField: 'event_id',
        timeField: 'occurred_at',
        aggregateIdField: null,
      }),
    ).toBe('flat · event_type · occurred_at')
  })

  it('given no detected style, when described, then it says so', () => {
    expect(describeStyle(null)).toBe('envelope not detected')
  })
})

describe('describeProblem', () => {
  it('given a bad line with a snippet, when described, then line, message and a clipped snippet are shown', () => {
    const problem: Problem = {
      kind: 'bad_line',
      severity: 'error',
      line: 17,
      offset: 100,
      message: 'not valid JSON',
      snippet: '{"event_type": "ItemAdded", "sku": "A-1',
    }
    expect(describeProblem(problem, 10)).toBe('line 17: not valid JSON — {"event_t…')
  })
})

describe('previewJson and clip', () => {
  it('given long values, when previewed, then they are cut with an ellipsis', () => {
    expect(previewJson({ a: 1 })).toBe('{"a":1}')
    expect(previewJson(undefined)).toBe('∅')
    expect(previewJson('abcdefghij', 5)).toBe('"abc…')
    expect(clip('abc', 5)).toBe('abc')
  })
})

describe('describeOpenFailure and messageOf', () => {
  it('given a message that names the directory, when described, then it is not repeated', () => {
    expect(describeOpenFailure('/x', 'Cannot open /x: no such directory')).toBe(
      'Cannot open /x: no such directory',
    )
    expect(describeOpenFailure('/x', 'no such directory')).toBe('Cannot open /x: no such directory')
  })

  it('given odd thrown values, when turned into messages, then they are safe one-liners', () => {
    expect(messageOf(new Error('nope'))).toBe('nope')
    expect(messageOf('plain')).toBe('plain')
    expect(messageOf({ stack: 'at x' })).toBe('Something went wrong.')
  })
})

describe('layoutLabel', () => {
  it("given a library's layout or a mapped table, when shown in the header, then it reads as a layout", () => {
    expect(layoutLabel('Emmett')).toBe('Emmett layout')
    expect(layoutLabel('Message DB')).toBe('Message DB layout')
    expect(layoutLabel('the table app.ledger')).toBe('mapped table app.ledger')
  })
})
