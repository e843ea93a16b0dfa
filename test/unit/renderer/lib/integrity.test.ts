import { describe, expect, it } from 'vitest'
import {
  healthLabel,
  quickFindings,
  quickHealth,
  reindexPreview,
  repairPreview,
  storeFindingSubject,
  verifiedFindings,
  verifiedHealth,
} from '../../../../renderer/src/lib/integrity'
import type { AggregateRow, StoreSummary, VerifyReportDto } from '../../../../shared/contract'

const summary: StoreSummary = {
  dir: '/s',
  source: {
    kind: 'jsonl',
    name: '/s',
    layout: null,
    capabilities: {
      append: { available: true, reason: null },
      follow: { available: true, reason: null },
      verify: { available: true, reason: null },
      repair: { available: true, reason: null },
      reindex: { available: true, reason: null },
      reducers: { available: true, reason: null },
    },
  },
  style: null,
  aggregates: 40,
  events: 900,
  indexedEvents: 905,
  index: 'ok',
  reconciled: true,
  problems: [
    {
      kind: 'index_total_mismatch',
      severity: 'warning',
      line: null,
      offset: null,
      message: 'total',
      snippet: null,
    },
    { kind: 'missing_stream', severity: 'error', line: null, offset: null, message: 'gone', snippet: null },
  ],
  // The bad line of a, the missing stream, b's count mismatch and the total.
  findings: { errors: 2, warnings: 2 },
}

function row(id: string, status: AggregateRow['status'], issues: string[]): AggregateRow {
  return { id, type: null, eventCount: 1, indexedCount: 1, lastEventAt: null, status, issues }
}

const flagged = [
  row('a', 'error', ['line 7: Not valid JSON: x']),
  row('gone', 'error', ['index.json lists gone, but gone.events.jsonl does not exist']),
  row('b', 'warning', ['index.json counts 5 events for b; the stream has 4']),
]

describe('store health', () => {
  it('given the summary counts findings, when summed up before verifying, then the badge shows those counts and says what it counts', () => {
    const health = quickHealth(summary, flagged)
    expect(health).toMatchObject({ level: 'error', errors: 2, warnings: 2, source: 'quick' })
    expect(healthLabel(health)).toBe('2 errors · 2 warnings')
    expect(health.detail).toContain('counts findings')
  })

  it.each(['postgres', 'sqlite'] as const)(
    'given a %s store, whose rows are read as shown and never all, when summed up, then the badge claims nothing ("Not checked"), not OK',
    (kind) => {
      const database = {
        ...summary,
        source: { ...summary.source, kind },
        problems: [],
        findings: { errors: 0, warnings: 0 },
        reconciled: true,
      }
      const health = quickHealth(database, [])
      expect(health.level).toBe('unchecked')
      expect(healthLabel(health)).toBe('Not checked')
      expect(health.detail).toMatch(/^Not checked: .*marked in its timeline\.$/)
      // The same summary of a directory, read through with nothing found, is OK.
      expect(healthLabel(quickHealth({ ...database, source: summary.source }, []))).toBe('OK')
    },
  )

  it('given one stream with 3 bad lines, when summed up before and after verifying, then both count 3 errors, not 1 aggregate', () => {
    const quick = quickHealth({ ...summary, problems: [], findings: { errors: 3, warnings: 0 } }, [
      row('a', 'error', ['line 1: x', 'line 2: y', 'line 3: z']),
    ])
    const verified = verifiedHealth({
      ok: false,
      aggregates: 1,
      events: 4,
      errors: 3,
      warnings: 0,
      affectedAggregates: 1,
      problemCount: 3,
      problems: [],
    })
    expect(healthLabel(quick)).toBe('3 errors')
    expect(healthLabel(verified)).toBe(healthLabel(quick))
    expect(verified.detail).toContain('counts findings')
  })

  it('given a store still being read with nothing found yet, when summed up, then it is checking', () => {
    const health = quickHealth(
      { ...summary, reconciled: false, problems: [], findings: { errors: 0, warnings: 0 } },
      [],
    )
    expect(healthLabel(health)).toBe('Checking…')
  })

  it('given row issues, when listed, then a line issue keeps its line for the jump and others select the aggregate', () => {
    expect(quickFindings(summary, flagged)).toEqual([
      { severity: 'error', kind: 'error', aggregateId: 'a', line: 7, message: 'Not valid JSON: x' },
      expect.objectContaining({ aggregateId: 'gone', line: null }),
      expect.objectContaining({ aggregateId: 'b', line: null, severity: 'warning' }),
      expect.objectContaining({ aggregateId: null, kind: 'index_total_mismatch' }),
    ])
  })

  it('given a report, when shown, then its counts are used and index findings carry no line to jump to', () => {
    const report: VerifyReportDto = {
      ok: true,
      aggregates: 3,
      events: 10,
      errors: 0,
      warnings: 1,
      affectedAggregates: 1,
      problemCount: 1,
      problems: [
        {
          aggregateId: 'a',
          file: 'index.json',
          kind: 'index_count_mismatch',
          severity: 'warning',
          line: null,
          offset: null,
          message: 'm',
          snippet: null,
        },
      ],
    }
    expect(healthLabel(verifiedHealth(report))).toBe('1 warning')
    expect(verifiedFindings(report)[0]).toMatchObject({ aggregateId: 'a', line: null })
    expect(healthLabel(verifiedHealth({ ...report, warnings: 0, problems: [], problemCount: 0 }))).toBe('OK')
  })
})

describe('what a finding of no aggregate is about', () => {
  it("given the index's own findings, then they are about index.json; an entry of the folder is about the folder", () => {
    expect(storeFindingSubject('index_unreadable')).toBe('index.json')
    expect(storeFindingSubject('index_total_mismatch')).toBe('index.json')
    for (const kind of ['symlink_skipped', 'not_a_file', 'leftover_temp_file'])
      expect(storeFindingSubject(kind)).toBe('folder')
  })
})

describe('confirmations', () => {
  it('given a repair dry run, when worded, then it names each stream, line and byte count', () => {
    const preview = repairPreview({
      dryRun: true,
      actions: [
        { aggregateId: 'a', file: 'a.events.jsonl', line: 7, cutAt: 100, bytesRemoved: 52, backup: 'a.bak' },
        { aggregateId: 'c', file: 'c.events.jsonl', line: 3, cutAt: 10, bytesRemoved: 1, backup: 'c.bak' },
      ],
      leftAlone: [
        { aggregateId: 'b', file: 'b.events.jsonl', line: 12, kind: 'bad_line', message: 'Not valid JSON' },
      ],
      removedTemps: [],
    })
    expect(preview.summary).toBe('Cut the torn last line of 2 streams (backups kept next to them):')
    expect(preview.changes).toEqual(['a.events.jsonl line 7 (52 bytes)', 'c.events.jsonl line 3 (1 byte)'])
    expect(preview.leftAlone).toEqual(['b.events.jsonl line 12: Not valid JSON'])
    expect(preview.canConfirm).toBe(true)
    expect(repairPreview({ dryRun: true, actions: [], leftAlone: [], removedTemps: [] }).canConfirm).toBe(
      false,
    )
  })

  it('given a reindex dry run, when worded, then it gives the entries that change and the totals', () => {
    const plan = {
      dryRun: true,
      before: 'ok' as const,
      corruptCopy: null,
      added: ['n'],
      removed: [],
      updated: ['a', 'b'],
      totalBefore: 10,
      totalAfter: 12,
      written: true,
      removedTemps: [],
    }
    expect(reindexPreview(plan)).toEqual({
      summary: 'Rewrite index.json from the streams: 3 entries change, total_events 10 → 12',
      changes: ['Added: n', 'Updated: a, b'],
      canConfirm: true,
    })
    expect(reindexPreview({ ...plan, written: false }).canConfirm).toBe(false)
  })
})
