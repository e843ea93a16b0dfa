// One severity per finding kind: every kind of the contract has one, and every reader reports it.

import { describe, expect, it } from 'vitest'
import { problemKind } from '../../../shared/contract'
import { problemSeverity, severityOf } from '../../../shared/problem-severity'
import { lineProblem } from '../../../electron/core/stream/line-problems'
import { storeProblem } from '../../../electron/core/store/reconcile'
import { problemKindLines } from '../../../electron/cli/format/problem-kinds'

describe('problem severity table', () => {
  it('given every kind of the contract, when looked up, then each has exactly one severity, error or warning', () => {
    for (const kind of problemKind.options) expect(['error', 'warning']).toContain(severityOf(kind))
    expect(Object.keys(problemSeverity).sort()).toEqual([...problemKind.options].sort())
  })

  it('given any kind, when built as a line or a store finding, then both carry the table severity', () => {
    for (const kind of problemKind.options) {
      expect(lineProblem(kind, 1, 0, 'm', null).severity).toBe(problemSeverity[kind])
      expect(storeProblem(kind, 'm').severity).toBe(problemSeverity[kind])
    }
  })

  it('given a torn tail and an index count mismatch, when built, then the tail is an error and the count a warning (as verify says)', () => {
    expect(severityOf('torn_tail')).toBe('error')
    expect(severityOf('index_count_mismatch')).toBe('warning')
  })

  it('given eventscope help verify, when listed, then every kind shows the table severity', () => {
    const lines = problemKindLines()
    for (const kind of problemKind.options) {
      const line = lines.find((text) => text.trim().startsWith(`${kind} `))
      expect(line?.split(/\s+/)[2]).toBe(problemSeverity[kind])
    }
  })
})
