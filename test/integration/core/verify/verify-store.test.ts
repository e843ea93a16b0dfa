import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyStore } from '../../../../electron/core/verify/verify-store'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventscope-verify-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const event = (id: string, at: string, extra = '') =>
  `{"event_id": "${id}", "event_type": "T", "occurred_at": "${at}"${extra}}`

describe('verifyStore', () => {
  it('given a clean store, when verified, then it is ok with no findings', async () => {
    await writeFile(join(dir, 'a.events.jsonl'), `${event('1', '2026-01-01T00:00:00+00:00')}\n`)
    await writeFile(
      join(dir, 'index.json'),
      '{"aggregates": {"a": {"event_count": 1, "last_event_at": "2026-01-01T00:00:00+00:00"}}, "total_events": 1}',
    )
    expect(await verifyStore(dir)).toEqual({ ok: true, aggregates: 1, events: 1, problems: [] })
  })

  it('given every kind of damage, when verified, then each finding has its kind, place and severity, and nothing is written', async () => {
    const a = [
      event('1', '2026-01-02T00:00:00+00:00'),
      'not json',
      event('2', '2026-01-01T00:00:00+00:00'),
      event('1', '2026-01-03T00:00:00+00:00'),
      '{"event_type": "T"}',
      '{"event_id": "4", "event_ty',
    ].join('\n')
    await writeFile(join(dir, 'a.events.jsonl'), a)
    await writeFile(join(dir, 'b.events.jsonl'), `${event('2', '2026-01-01T00:00:00+00:00')}\n`)
    await writeFile(
      join(dir, 'index.json'),
      '{"aggregates": {"a": {"event_count": 1, "last_event_at": null}, "ghost": {"event_count": 2}}, "total_events": 9}',
    )
    const before = await Promise.all(
      (await readdir(dir)).map(async (name) => [
        name,
        await readFile(join(dir, name)),
        (await stat(join(dir, name))).mtimeMs,
      ]),
    )

    const report = await verifyStore(dir)

    const seen = report.problems.map((p) => [p.aggregateId, p.file, p.kind, p.severity, p.line])
    expect(seen).toEqual([
      ['a', 'a.events.jsonl', 'bad_line', 'error', 2],
      ['a', 'a.events.jsonl', 'torn_tail', 'error', 6],
      ['a', 'a.events.jsonl', 'time_backwards', 'warning', 3],
      ['a', 'a.events.jsonl', 'duplicate_event_id', 'error', 4],
      ['a', 'a.events.jsonl', 'missing_id', 'warning', 5],
      ['a', 'a.events.jsonl', 'missing_time', 'warning', 5],
      ['a', 'index.json', 'index_count_mismatch', 'warning', null],
      ['b', 'b.events.jsonl', 'duplicate_event_id', 'error', 1],
      ['b', 'index.json', 'missing_from_index', 'warning', null],
      ['ghost', 'index.json', 'missing_stream', 'error', null],
      [null, 'index.json', 'index_total_mismatch', 'warning', null],
    ])
    expect(report.problems.find((p) => p.kind === 'bad_line')).toMatchObject({
      offset: a.indexOf('not json'),
      snippet: 'not json',
    })
    expect(
      report.problems.find((p) => p.kind === 'duplicate_event_id' && p.aggregateId === 'b')?.message,
    ).toBe('Event id 2 was already used at a line 3')
    expect(report).toMatchObject({ ok: false, aggregates: 2, events: 5 })
    const after = await Promise.all(
      (await readdir(dir)).map(async (name) => [
        name,
        await readFile(join(dir, name)),
        (await stat(join(dir, name))).mtimeMs,
      ]),
    )
    expect(after).toEqual(before)
  })

  it('given only warnings, when verified, then it is ok', async () => {
    await writeFile(join(dir, 'a.events.jsonl'), `${event('1', '2026-01-01T00:00:00+00:00')}\n`)
    expect(await verifyStore(dir)).toMatchObject({ ok: true, problems: [] })
  })

  it('given a directory that does not exist, when verified, then it is refused with not_found', async () => {
    await expect(verifyStore(join(dir, 'missing'))).rejects.toMatchObject({ code: 'not_found' })
  })
})
