import { mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AggregateRow, AggregateStatus, SortColumn } from '../../../../shared/contract'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { OpenStore } from '../../../../electron/core/store/open-store'
import { writeDamagedStore } from '../../../fixtures/damaged-store'
import { jsonLines, writeIndex, writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

// The eager order: every row built, then sorted as the catalog sorted whole rows before it became lazy.
const statusRank: Record<AggregateStatus, number> = { error: 0, warning: 1, pending: 2, ok: 3 }
const text = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0)
function nullable<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number {
  if (a === null) return b === null ? 0 : 1
  if (b === null) return -1
  return compare(a, b)
}
const byColumn: Record<SortColumn, (a: AggregateRow, b: AggregateRow) => number> = {
  id: (a, b) => text(a.id, b.id),
  type: (a, b) => nullable(a.type, b.type, text),
  eventCount: (a, b) => nullable(a.eventCount, b.eventCount, (x, y) => x - y),
  lastEventAt: (a, b) =>
    nullable(
      a.lastEventAt,
      b.lastEventAt,
      (x, y) => (Date.parse(x) || 0) - (Date.parse(y) || 0) || text(x, y),
    ),
  status: (a, b) => statusRank[a.status] - statusRank[b.status],
}
const columns: SortColumn[] = ['id', 'type', 'eventCount', 'lastEventAt', 'status']

function expectLazyEqualsEager(store: OpenStore): void {
  const rows = store.catalog.all()
  for (const column of columns) {
    for (const direction of ['asc', 'desc'] as const) {
      for (const filter of ['', 'order', 'O', 'zz']) {
        const needle = filter.toLowerCase()
        const sign = direction === 'asc' ? 1 : -1
        const eager = rows
          .filter(
            (row) => row.id.toLowerCase().includes(needle) || (row.type ?? '').toLowerCase().includes(needle),
          )
          .sort((a, b) => sign * byColumn[column](a, b) || text(a.id, b.id))
        for (const [offset, limit] of [
          [0, 1000],
          [1, 3],
          [eager.length - 2, 5],
        ] as const) {
          const window = store.window({
            offset: Math.max(0, offset),
            limit,
            sort: { column, direction },
            filter,
          })
          expect(window.rows, `${column} ${direction} "${filter}" @${offset}`).toEqual(
            eager.slice(Math.max(0, offset), Math.max(0, offset) + limit),
          )
          expect(window.total).toBe(eager.length)
        }
      }
    }
  }
}

describe('OpenStore rows built lazily', () => {
  it('given the damaged-store fixture, when windowed before and after reconciliation, then every sort, filter and window equals the eager rows', async () => {
    const dir = await tempDir()
    writeDamagedStore(dir)
    // Two streams at the same instant written differently, and a pending stream missing from the index.
    await writeStream(
      dir,
      'order-z',
      jsonLines([
        { event_type: 'OrderPlaced', aggregate_id: 'order-z', occurred_at: '2026-03-01T09:00:00Z' },
      ]),
    )
    await writeStream(
      dir,
      'order-y',
      jsonLines([
        { event_type: 'OrderPlaced', aggregate_id: 'order-y', occurred_at: '2026-03-01T09:00:00.000+00:00' },
      ]),
    )

    const store = await OpenStore.open(dir)
    expectLazyEqualsEager(store)
    await store.reconciled
    expectLazyEqualsEager(store)

    expect(store.catalog.all().map((row) => row.id)).toContain('order-y')
  })

  it('given an index entry without a stream and a stream the index lacks, when windowed by count, then both rows are where eager sorting puts them', async () => {
    const dir = await tempDir()
    const at = '2026-03-01T09:00:00Z'
    await writeStream(dir, 'a', jsonLines([{ event_type: 'A', aggregate_id: 'a', occurred_at: at }]))
    await writeStream(dir, 'c', jsonLines([{ event_type: 'C', aggregate_id: 'c', occurred_at: at }]))
    await writeIndex(dir, {
      a: { event_count: 1, last_event_at: at },
      b: { event_count: 4, last_event_at: at },
    })

    const store = await OpenStore.open(dir)
    await store.reconciled

    expect(store.catalog.all().map((row) => [row.id, row.status, row.eventCount])).toEqual([
      ['a', 'ok', 1],
      ['b', 'error', 0],
      ['c', 'warning', 1],
    ])
    expectLazyEqualsEager(store)
  })
})

describe('entries named like streams that are not files', () => {
  it('given a symlinked stream and a folder named like one, when an aggregate is opened before reconciliation, then the link is not followed, both are reported, and neither is listed after', async () => {
    const dir = await tempDir()
    const elsewhere = await tempDir()
    await writeStream(dir, 'u1', jsonLines([{ event_type: 'UserNoted', aggregate_id: 'u1' }]))
    await writeStream(
      elsewhere,
      'secret',
      jsonLines([{ event_type: 'Secret', aggregate_id: 'secret', pin: 1234 }]),
    )
    await symlink(join(elsewhere, 'secret.events.jsonl'), join(dir, 'linked.events.jsonl'))
    await mkdir(join(dir, 'folder.events.jsonl'))
    const session = new ExplorerSession()

    await session.open(dir)
    const opening = session.streamOpen('linked')

    // Refused for safety, and said so: not "no aggregate".
    await expect(opening).rejects.toMatchObject({
      code: 'forbidden',
      message: 'linked.events.jsonl is a symbolic link; not followed',
    })
    await expect(session.streamOpen('folder')).rejects.toMatchObject({
      code: 'forbidden',
      message: 'folder.events.jsonl is not a regular file (a folder, pipe, socket or device); not read',
    })
    const summary = await session.whenReconciled()
    expect(summary.problems.map((problem) => [problem.kind, problem.message])).toEqual([
      ['symlink_skipped', 'linked.events.jsonl is a symbolic link; not followed'],
      [
        'not_a_file',
        'folder.events.jsonl is not a regular file (a folder, pipe, socket or device); not read',
      ],
    ])
    expect(session.aggregates().map((row) => row.id)).toEqual(['u1'])
    expect(summary.aggregates).toBe(1)
    session.close()
  })
})
