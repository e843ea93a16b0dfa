import { describe, expect, it } from 'vitest'
import { excerpt, lineProblem, parseFailure } from '../../../../electron/core/stream/line-problems'

describe('lineProblem', () => {
  it('given a bad line, when described, then it carries kind, line, offset, severity and a one-line excerpt', () => {
    expect(lineProblem('bad_line', 3, 120, 'Not valid JSON', 'a\tb\n  c')).toEqual({
      kind: 'bad_line',
      severity: 'error',
      line: 3,
      offset: 120,
      message: 'Not valid JSON',
      snippet: 'a b c',
    })
  })

  it('given a long line, when excerpted, then it is cut at 80 characters with an ellipsis', () => {
    expect(excerpt('y'.repeat(200))).toBe(`${'y'.repeat(80)}…`)
  })

  it('given a JSON.parse failure of V8, when described, then the input is not repeated in the reason', () => {
    let error: unknown
    try {
      JSON.parse('this is not json and it is long')
    } catch (caught) {
      error = caught
    }

    const reason = parseFailure(error)

    expect(reason).not.toContain('it is long')
    expect(reason.length).toBeGreaterThan(0)
  })
})
