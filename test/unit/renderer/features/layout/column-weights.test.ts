import { describe, expect, it } from 'vitest'
import { minColumnWidth, resizeColumns } from '../../../../../renderer/src/features/layout/column-weights'

const defaultWeights = { aggregates: 38, timeline: 28, inspector: 34 }

describe('resizing columns', () => {
  it('given the handle between aggregates and timeline, when dragged right, then only those two change and their sum stays', () => {
    // 38 + 28 weights over 660 px: 10 weight units per 100 px.
    const next = resizeColumns(defaultWeights, 'aggregates', 'timeline', 50, 660)
    expect(next).toEqual({ aggregates: 43, timeline: 23, inspector: 34 })
  })

  it('given a drag past a neighbour, when resized, then the neighbour stops at its minimum width', () => {
    const next = resizeColumns(defaultWeights, 'aggregates', 'timeline', 5000, 660)
    expect((next.timeline * 660) / 66).toBeCloseTo(minColumnWidth.timeline, 0)
    const back = resizeColumns(defaultWeights, 'aggregates', 'timeline', -5000, 660)
    expect((back.aggregates * 660) / 66).toBeCloseTo(minColumnWidth.aggregates, 0)
  })

  it('given columns narrower than both minimums, when dragged, then each keeps half rather than going negative', () => {
    const next = resizeColumns(defaultWeights, 'timeline', 'inspector', 500, 300)
    expect(next.timeline).toBeGreaterThan(0)
    expect(next.inspector).toBeGreaterThan(0)
    expect(next.timeline + next.inspector).toBeCloseTo(62)
  })
})
