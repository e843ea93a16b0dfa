// `state` and `events` read only the stream they name: not index.json, not the other streams. Seen from
// outside through access times (the file system records a read when the atime is older than the mtime,
// Linux's relatime), so the test watches the real process, not a call inside it.

import { mkdir, stat, symlink, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { jsonLines, writeIndex, writeStream } from '../../support/store-files'
import { useTempDirs } from '../../support/temp-dir'
import { oneLineError, requireBuiltCli, runCli } from './run-built-cli'

const tempDir = useTempDirs('eventscope-named-reads-')
beforeAll(() => requireBuiltCli())

const longAgo = new Date('2001-01-01T00:00:00Z')

// One long stream (its read takes long enough for a background read of the others to happen meanwhile,
// as it did before) and small siblings.
async function store(): Promise<{ dir: string; files: Record<string, string> }> {
  const dir = await tempDir()
  const events = (id: string, n: number): unknown[] =>
    Array.from({ length: n }, (_, i) => ({
      event_id: `${id}-${i}`,
      event_type: i === 0 ? 'AccountOpenedEvent' : 'MoneyDepositedEvent',
      aggregate_id: id,
      occurred_at: `2026-03-01T09:00:${String(i % 60).padStart(2, '0')}+00:00`,
      balance: i,
    }))
  const files: Record<string, string> = {
    named: await writeStream(dir, 'named', jsonLines(events('named', 20_000))),
    'sibling-1': await writeStream(dir, 'sibling-1', jsonLines(events('sibling-1', 3))),
    'sibling-2': await writeStream(dir, 'sibling-2', jsonLines(events('sibling-2', 3))),
  }
  await writeIndex(dir, {
    named: { event_count: 20_000, last_event_at: null },
    'sibling-1': { event_count: 3, last_event_at: null },
    'sibling-2': { event_count: 3, last_event_at: null },
  })
  files['index.json'] = join(dir, 'index.json')
  // Every atime far in the past, mtimes as they are: the next read of a file moves its atime.
  for (const file of Object.values(files)) await utimes(file, longAgo, (await stat(file)).mtime)
  return { dir, files }
}

async function readSince(file: string): Promise<boolean> {
  return (await stat(file)).atimeMs > longAgo.getTime()
}

describe.each([
  ['state', (dir: string) => ['state', dir, 'named']],
  ['events', (dir: string) => ['events', dir, 'named', '--limit', '5']],
])('given a store of three streams, when running `%s` for one of them', (_name, args) => {
  it('then that stream is read and neither index.json nor the other streams are', async (context) => {
    const { dir, files } = await store()
    const run = await runCli(args(dir))
    expect(run.code, run.stderr).toBe(0)
    if (!(await readSince(files.named as string))) {
      // Some mounts (noatime) record no reads at all: then nothing can be seen from here.
      console.warn('skipped: this file system does not record reads in access times (noatime)')
      context.skip()
    }
    expect(await readSince(files['index.json'] as string)).toBe(false)
    expect(await readSince(files['sibling-1'] as string)).toBe(false)
    expect(await readSince(files['sibling-2'] as string)).toBe(false)
  })
})

describe('given a store read by stream name', () => {
  it('when the id is the start of others, then the failure names them, as a listed store does', async () => {
    const { dir } = await store()
    const run = await runCli(['state', dir, 'sibling'])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toBe(
      'eventscope: no aggregate sibling in this store; ids starting with "sibling": sibling-1, sibling-2',
    )
  })

  it('when the id is in index.json without a stream, then the stream file is said to be missing', async () => {
    const { dir } = await store()
    await writeIndex(dir, { ghost: { event_count: 1, last_event_at: null } })
    const run = await runCli(['events', dir, 'ghost'])
    expect(oneLineError(run)).toBe('eventscope: the stream file of ghost is missing')
  })

  it('when the id names a symbolic link to a stream, then the link is not followed, and that is the reason given', async () => {
    const { dir, files } = await store()
    await symlink(files.named as string, join(dir, 'linked.events.jsonl'))
    const run = await runCli(['state', dir, 'linked'])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toBe('eventscope: linked.events.jsonl is a symbolic link; not followed')
  })

  it('when the id is a path out of the store to a stream beside it, then that stream is not read', async () => {
    const { dir } = await store()
    const inner = join(dir, 'inner')
    await mkdir(inner)
    const run = await runCli(['state', inner, '../named'])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toBe('eventscope: no aggregate ../named in this store')
  })
})
