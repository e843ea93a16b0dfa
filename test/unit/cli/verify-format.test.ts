import { describe, expect, it } from 'vitest'
import { helpText } from '../../../electron/cli/help-text'
import { problemKindHelp } from '../../../electron/cli/format/problem-kinds'
import { reindexHint, repairText } from '../../../electron/cli/format/repair-format'
import { summaryLine, verifyText } from '../../../electron/cli/format/verify-format'
import type { VerifyFinding, VerifyReport } from '../../../electron/core/verify/verify-store'
import type { ReindexResult } from '../../../electron/core/write/reindex'
import { problemKind } from '../../../shared/contract'

function finding(overrides: Partial<VerifyFinding>): VerifyFinding {
  return {
    aggregateId: 'a',
    file: 'a.events.jsonl',
    kind: 'bad_line',
    severity: 'error',
    line: 3,
    offset: 120,
    message: 'Not valid JSON: Unexpected token',
    snippet: null,
    ...overrides,
  }
}

const report: VerifyReport = {
  ok: false,
  aggregates: 40,
  events: 900,
  problems: [
    finding({ snippet: 'not json' }),
    finding({ aggregateId: 'bb', file: 'bb.events.jsonl', kind: 'torn_tail', line: 12, offset: 98765 }),
    finding({
      kind: 'index_count_mismatch',
      severity: 'warning',
      file: 'index.json',
      line: null,
      offset: null,
      message: 'index.json counts 5 events for a; the stream has 4',
    }),
    finding({
      aggregateId: null,
      file: 'index.json',
      kind: 'index_total_mismatch',
      severity: 'warning',
      line: null,
      offset: null,
      message: 'index.json says total_events is 901; the streams hold 900',
    }),
  ],
}

describe('verify output', () => {
  it('given findings in two aggregates and the store, when summed up, then errors, warnings and affected aggregates are counted', () => {
    expect(summaryLine(report)).toBe('2 errors, 2 warnings in 2 of 40 aggregates; 900 events')
  })

  it('given a clean store, when printed, then one line says so', () => {
    expect(verifyText({ ok: true, aggregates: 3, events: 1200, problems: [] })).toEqual([
      'no problems in 3 aggregates; 1,200 events',
    ])
  })

  it('given findings, when printed, then they are grouped by aggregate with the store last and the columns aligned', () => {
    const lines = verifyText(report)
    expect(lines[0]).toBe('a  (a.events.jsonl, index.json)')
    expect(lines).toContain('store')
    expect(lines.indexOf('store')).toBeGreaterThan(lines.indexOf('bb  (bb.events.jsonl)'))
    const rows = lines.filter((line) => /^ {2}(error|warning) /.test(line))
    expect(rows).toHaveLength(4)
    const kindColumn = rows.map((row) => row.search(/bad_line|torn_tail|index_/))
    expect(new Set(kindColumn).size).toBe(1)
    expect(lines.find((line) => line.includes('torn_tail'))).toMatch(/line 12\s+byte 98765/)
    // The snippet sits under the message of its line.
    const bad = lines.findIndex((line) => line.includes('bad_line'))
    expect(lines[bad + 1]?.trim()).toBe('not json')
    expect(lines[bad + 1]?.indexOf('not json')).toBe(lines[bad]?.indexOf('Not valid JSON'))
    expect(lines.at(-1)).toBe(summaryLine(report))
  })
})

describe('repair output', () => {
  const action = {
    aggregateId: 'a',
    file: 'a.events.jsonl',
    kind: 'cut_torn_tail' as const,
    cutAt: 1234,
    bytesRemoved: 52,
    line: 7,
    backup: 'a.events.jsonl.bak-2026',
  }
  const leftAlone = [
    { aggregateId: 'b', file: 'b.events.jsonl', line: 12, kind: 'bad_line', message: 'Not valid JSON: x' },
  ]

  it('given a cut and a bad middle line, when repaired, then each is one line and the bad line is left to the user', () => {
    expect(repairText({ dryRun: false, actions: [action], leftAlone, removedTemps: [] })).toEqual([
      'a.events.jsonl: cut a torn last line at byte 1234 (line 7, 52 bytes); backup a.events.jsonl.bak-2026',
      'b.events.jsonl line 12: not valid JSON: x — repair never deletes a line in the middle of a stream; fix it by hand',
      'repaired 1 stream; 1 bad line left alone',
    ])
  })

  it('given a dry run, when printed, then it says what it would do and that nothing changed', () => {
    const lines = repairText({ dryRun: true, actions: [action], leftAlone: [], removedTemps: [] })
    expect(lines[0]).toMatch(/^a\.events\.jsonl: would cut a torn last line at byte 1234/)
    expect(lines.at(-1)).toBe('dry run: would cut 1 stream; nothing was changed')
  })

  it('given leftover temp files, when repaired (or dry-run), then each is named as removed (or to be removed)', () => {
    const temps = ['.index.json.41.1700000000000.tmp']
    expect(repairText({ dryRun: false, actions: [], leftAlone: [], removedTemps: temps })).toContain(
      'removed .index.json.41.1700000000000.tmp, left by a writer that was stopped mid-write',
    )
    expect(repairText({ dryRun: true, actions: [], leftAlone: [], removedTemps: temps })).toContain(
      'would remove .index.json.41.1700000000000.tmp, left by a writer that was stopped mid-write',
    )
  })

  it('given an index that matches, when a hint is asked for, then there is none; otherwise it names reindex', () => {
    const base: ReindexResult = {
      dir: '/s',
      before: 'ok',
      corruptCopy: null,
      added: [],
      removed: [],
      updated: ['a', 'b'],
      totalBefore: 10,
      totalAfter: 12,
      written: true,
      removedTemps: [],
    }
    expect(reindexHint({ ...base, written: false }, '/s')).toBeNull()
    expect(reindexHint(base, '/s')).toBe(
      'index.json does not match the streams (2 entries differ, total_events 10 → 12); run: eventscope reindex /s',
    )
  })
})

describe('problem kinds', () => {
  it.each(problemKind.options)(
    'given the contract kind %s, when verify help is shown, then it is documented',
    (kind) => {
      expect(Object.keys(problemKindHelp)).toContain(kind)
      expect(helpText('verify')).toMatch(new RegExp(`^ {2}${kind} +(error|warning) {2,}\\S`, 'm'))
    },
  )
})
