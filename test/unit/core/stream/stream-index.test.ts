import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../../../electron/core/json/json-value'
import { detectStyle, readEnvelope } from '../../../../electron/core/stream/envelope'
import { maxListedProblems } from '../../../../electron/core/stream/stream-index'
import { indexText } from '../../../support/stream-text'

const e = (type: string, fields: Record<string, unknown> = {}): string =>
  JSON.stringify({ event_type: type, aggregate_id: 'agg-1', ...fields })

describe('StreamIndex.accept', () => {
  it('given bad lines in the middle, when indexed, then versions count valid events only and each problem has its line and byte offset', () => {
    const lines = [
      e('Created', { n: 1 }),
      'not json',
      e('Renamed', { n: 2 }),
      '[1,2]',
      '"text"',
      'null',
      '42',
      e('Closed', { n: 3 }),
    ]
    const text = lines.join('\n') + '\n'
    const offsetOfLine = (line: number): number =>
      Buffer.byteLength(
        lines
          .slice(0, line - 1)
          .map((l) => l + '\n')
          .join(''),
      )

    const index = indexText(text)

    expect(index.eventCount).toBe(3)
    expect([1, 2, 3].map((version) => index.positions.lineOf(version))).toEqual([1, 3, 8])
    expect(
      index.problems.map((problem) => [problem.kind, problem.line, problem.offset, problem.severity]),
    ).toEqual([
      ['bad_line', 2, offsetOfLine(2), 'error'],
      ['not_object', 4, offsetOfLine(4), 'error'],
      ['not_object', 5, offsetOfLine(5), 'error'],
      ['not_object', 6, offsetOfLine(6), 'error'],
      ['not_object', 7, offsetOfLine(7), 'error'],
    ])
    expect(index.problems[0]?.snippet).toBe('not json')
    expect(index.latestState).toEqual({ n: 3 })
  })

  it('given version fields out of order, when indexed, then versions are file positions and the version field is not payload', () => {
    const index = indexText(
      [e('A', { version: 5, a: 1 }), e('B', { version: 3, b: 2 }), e('C', { version: 9, a: null })].join(
        '\n',
      ),
    )
    const second = JSON.parse(e('B', { version: 3, b: 2 })) as JsonObject

    expect(index.eventCount).toBe(3)
    expect([1, 2, 3].map((version) => index.positions.lineOf(version))).toEqual([1, 2, 3])
    expect(index.latestState).toEqual({ b: 2 })
    expect(readEnvelope(second, detectStyle(second)).payload).toEqual({ b: 2 })
  })

  it('given a torn last line, when indexed, then it is a torn_tail error (one severity, as verify says) and the events before it count', () => {
    const index = indexText(`${e('A')}\n${e('B')}\n{"event_type": "C", "aggr`)

    expect(index.eventCount).toBe(2)
    expect(index.problems.map((problem) => [problem.kind, problem.line, problem.severity])).toEqual([
      ['torn_tail', 3, 'error'],
    ])
  })

  it('given a complete last line without a line feed, when indexed, then it is an event', () => {
    expect(indexText(`${e('A')}\n${e('B')}`).eventCount).toBe(2)
  })

  it('given a bad line that is terminated, when indexed, then it is a bad_line error, not a torn tail', () => {
    expect(
      indexText(`{"event_type": "C", "aggr\n${e('A')}\n`).problems.map((problem) => problem.kind),
    ).toEqual(['bad_line'])
  })

  it('given a BOM, CRLF and blank or whitespace lines, when indexed, then each blank line is a warning at its first byte and positions point at the JSON', () => {
    const text = `\uFEFF${e('A')}\r\n\r\n   \r\n\t\n${e('B')}\r\n`

    const index = indexText(text)
    const bytes = Buffer.from(text)
    const start = (line: number): number => {
      let offset = 0
      for (let i = 1; i < line; i++) offset = bytes.indexOf(0x0a, offset) + 1
      return offset
    }

    expect(index.problems.map((p) => [p.kind, p.severity, p.line, p.offset])).toEqual([
      ['blank_line', 'warning', 2, start(2)],
      ['blank_line', 'warning', 3, start(3)],
      ['blank_line', 'warning', 4, start(4)],
    ])
    expect(index.eventCount).toBe(2)
    expect(
      [1, 2].map((version) =>
        bytes.toString(
          'utf8',
          index.positions.offsetOf(version),
          index.positions.offsetOf(version) + index.positions.lengthOf(version),
        ),
      ),
    ).toEqual([e('A'), e('B')])
    expect(index.positions.lineOf(2)).toBe(5)
  })

  it('given events naming another aggregate, when indexed, then one aggregate_mismatch warning counts them all', () => {
    const other = (type: string): string => JSON.stringify({ event_type: type, aggregate_id: 'agg-2' })

    const index = indexText([e('A'), other('B'), e('C'), other('D'), other('E')].join('\n'))

    expect(index.problems).toHaveLength(1)
    expect(index.problems[0]).toMatchObject({ kind: 'aggregate_mismatch', line: 2, severity: 'warning' })
    expect(index.problems[0]?.message).toContain('agg-2')
    expect(index.problems[0]?.message).toContain('3 events')
    expect(index.eventCount).toBe(5)
  })

  it('given an event without a type, when indexed, then it counts and a missing_type warning is on its line', () => {
    const index = indexText(`${e('A')}\n{"amount": 1}\n`)

    expect(index.eventCount).toBe(2)
    expect(index.problems.map((problem) => [problem.kind, problem.line, problem.severity])).toEqual([
      ['missing_type', 2, 'warning'],
    ])
  })

  it('given events, when indexed, then type, first and last times, and latest state come from them', () => {
    const index = indexText(
      [
        JSON.stringify({
          event_type: 'UserRegisteredEvent',
          occurred_at: '2026-03-01T09:00:00',
          name: 'a',
          tags: [1],
        }),
        JSON.stringify({
          event_type: 'UserRenamedEvent',
          occurred_at: '2026-03-02T09:00:00',
          name: 'b',
          tags: null,
        }),
      ].join('\n'),
    )

    expect([index.type, index.firstEventAt, index.lastEventAt]).toEqual([
      'User',
      '2026-03-01T09:00:00',
      '2026-03-02T09:00:00',
    ])
    expect(index.latestState).toEqual({ name: 'b' })
    expect(index.style).toMatchObject({ payload: 'flat', typeField: 'event_type', timeField: 'occurred_at' })
  })

  it('given more bad lines than are listed, when indexed, then the list is capped and the count is exact', () => {
    const text = 'x\n'.repeat(maxListedProblems + 25) + e('A') + '\n'

    const index = indexText(text)

    expect(index.problems).toHaveLength(maxListedProblems)
    expect(index.problemCount).toBe(maxListedProblems + 25)
    expect(index.positions.lineOf(1)).toBe(maxListedProblems + 26)
  })

  it('given the same bytes, when indexed in chunks of every size from 1 to 40, then the index is the same', () => {
    const text = `\uFEFF${e('A', { x: 'é' })}\r\nbad\r\n\r\n${e('B')}\n[1]\n${e('C')}`
    const whole = indexText(text)
    const facts = (index: ReturnType<typeof indexText>) => ({
      problems: index.problems,
      positions: Array.from({ length: index.eventCount }, (_, i) => [
        index.positions.offsetOf(i + 1),
        index.positions.lengthOf(i + 1),
        index.positions.lineOf(i + 1),
      ]),
      state: index.latestState,
    })

    for (let chunkBytes = 1; chunkBytes <= 40; chunkBytes++) {
      expect(facts(indexText(text, 'agg-1', { chunkBytes })), `chunks of ${chunkBytes}`).toEqual(facts(whole))
    }
  })

  it('given replay off (reconciling), when indexed, then events are counted but no state is kept', () => {
    const index = indexText(`${e('A', { x: 1 })}\n`, 'agg-1', { replay: false })

    expect(index.eventCount).toBe(1)
    expect(index.latestState).toEqual({})
    expect(index.checkpoints.size).toBe(1)
  })
})
