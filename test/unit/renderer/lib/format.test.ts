import { describe, expect, it } from 'vitest'
import {
  clip,
  describeOpenFailure,
  describeProblem,
  describeStyle,
  formatCount,
  formatTime,
  formatTimeShort,
  messageOf,
  previewJson,
} from '../../../../renderer/src/lib/format'
import type { Problem } from '../../../../shared/contract'

describe('formatTime', () => {
  it('given an ISO time, when formatted, then it reads as local YYYY-MM-DD HH:MM:SS', () => {
    const iso = '2024-05-01T12:34:56.789Z'
    const d = new Date(iso)
    const p = (n: number) => String(n).padStart(2, '0')
    const expected = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
    expect(formatTime(iso)).toBe(expected)
    expect(formatTime(iso, false)).toBe(expected.slice(0, 16))
    expect(formatTimeShort(iso)).toBe(expected.slice(5))
  })

  it('given null or text that is not a date, when formatted, then a dash or the text itself is shown', () => {
    expect(formatTime(null)).toBe('—')
    expect(formatTime('yesterday-ish')).toBe('yesterday-ish')
  })
})

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
