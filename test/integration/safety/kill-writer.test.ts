// A writer process SIGKILLed at random points, 20 times per run (EVENTSCOPE_KILLS to change), some of
// its lines several MiB long so that kills land mid-write: nothing acknowledged is ever lost, the damage
// is at most one torn last line plus a stale index, and verify, repair and reindex see and fix exactly
// that. `npm test` runs it once; `npm run test:all` runs it twenty times over (scripts/safety-loop.mjs),
// each run at new random points: 400 kills.

import { readdir, readFile, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import { repairStore } from '../../../electron/core/verify/repair-store'
import { verifyStore } from '../../../electron/core/verify/verify-store'
import { initStore } from '../../../electron/core/write/init-store'
import { reindexStore } from '../../../electron/core/write/reindex'
import { lockName } from '../../../electron/core/write/store-lock'
import { acknowledged, killWriter, startAppendLoop, type Writer } from '../../fixtures/writer-process'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs('eventscope-kill-')

const kills = Number(process.env.EVENTSCOPE_KILLS ?? 20)
/**
 * Kills go on past `kills` (up to this many) until one has landed inside an append: whether a random
 * kill does is chance (about one in six here), and the test proves nothing until one has.
 */
const maxKills = kills * 4
/** A store is replaced by a fresh one past this size, so each check reads a few MiB, not hundreds. */
const maxStoreBytes = 4 * 1048576
/** What a killed append may leave besides a torn tail: an index that lags behind the stream. */
const indexDrift = new Set([
  'index_count_mismatch',
  'index_last_event_mismatch',
  'index_total_mismatch',
  'missing_from_index',
  // The writer killed while replacing index.json leaves its temp file; verify reports it, reindex removes it.
  'leftover_temp_file',
])

interface StreamBytes {
  readonly ids: string[]
  readonly tornAt: number | null
  readonly size: number
}

/** Parse a stream as the test's own oracle: every terminated line must be an event; at most a torn tail. */
function parseStream(bytes: Buffer): StreamBytes {
  const end = bytes.lastIndexOf(0x0a) + 1
  const ids = bytes
    .toString('utf8', 0, end)
    .split('\n')
    .slice(0, -1)
    .map((line) => (JSON.parse(line) as { event_id: string }).event_id)
  return { ids, tornAt: end < bytes.length ? end : null, size: bytes.length }
}

// The killed writer's lock folder stays behind with a fresh mtime; the next writer would wait out the
// 10 s stale window. Age it past that window instead of waiting: the takeover is the code under test.
async function ageLeftoverLock(dir: string): Promise<boolean> {
  const past = new Date(Date.now() - 60_000)
  return utimes(join(dir, lockName), past, past).then(
    () => true,
    () => false,
  )
}

/** How many acknowledged events each writer must have printed before it may be killed: one or two. */
const ackedBeforeKill = (kill: number): number => 1 + (kill % 2)

async function freshStore(): Promise<string> {
  const dir = join(await tempDir(), 'store')
  await initStore(dir)
  return dir
}

describe(`given a writer killed with SIGKILL at ${kills} random points`, () => {
  it('then every acknowledged event survives, the damage is at most a torn tail and index drift, and repair plus reindex make the store clean', async () => {
    let dir = await freshStore()
    let known: string[] = []
    const totals = { acked: 0, torn: 0, unacked: 0, staleLocks: 0, stores: 1 }
    const start = (kill: number, into: string): Promise<Writer> =>
      startAppendLoop(into, 'agg', ['--seed', String(kill + 1), '--writer', 'k', '--big', '0.3', '--go'])
    let writer = await start(0, dir)
    const ms = { ready: 0, checks: 0 }
    const landedInsideAnAppend = (): boolean => totals.unacked + totals.torn > 0
    let kill = 0
    for (; kill < kills || (kill < maxKills && !landedInsideAnAppend()); kill++) {
      let t = performance.now()
      await writer.ready
      ms.ready += performance.now() - t
      writer.child.stdin.end('go\n')
      // Kill after a drawn number of acknowledgements and then a random pause, so that kills land at
      // random points of an append while the test still knows, however slow the machine, that events
      // were being appended when they did (the check at the end).
      await writer.acknowledgedAtLeast(ackedBeforeKill(kill))
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150))
      await killWriter(writer)
      expect(writer.lines.find((line) => line.error)).toBeUndefined()
      const acked = acknowledged(writer)
      totals.acked += acked.length
      if (await ageLeftoverLock(dir)) totals.staleLocks++

      // The next writer loads (slower than anything here) while this store is checked.
      const size = (await stat(join(dir, 'agg.events.jsonl')).catch(() => ({ size: 0 }))).size
      const nextDir = size > maxStoreBytes ? await freshStore() : dir
      // Started even when this may be the last kill; one left waiting for its go is killed below.
      if (kill + 1 < maxKills) writer = await start(kill + 1, nextDir)

      t = performance.now()
      // Every acknowledged event is there, after the events from before; at most one more (written, not acknowledged).
      const stream = parseStream(await readFile(join(dir, 'agg.events.jsonl')).catch(() => Buffer.alloc(0)))
      expect(stream.ids.slice(0, known.length)).toEqual(known)
      const added = stream.ids.slice(known.length)
      expect(added.slice(0, acked.length)).toEqual(acked)
      expect(added.length - acked.length).toBeLessThanOrEqual(1)
      totals.unacked += added.length - acked.length
      if (stream.tornAt !== null) totals.torn++

      // verify reports exactly that damage.
      const report = await verifyStore(dir)
      const torn = report.problems.filter((problem) => problem.kind === 'torn_tail')
      expect(torn.map((problem) => problem.offset)).toEqual(stream.tornAt === null ? [] : [stream.tornAt])
      expect(
        report.problems.filter((problem) => problem.kind !== 'torn_tail' && !indexDrift.has(problem.kind)),
      ).toEqual([])
      expect(report.events).toBe(stream.ids.length)

      // The store opens, and the stream reads as the oracle says.
      const session = new ExplorerSession()
      try {
        await session.open(dir)
        await session.whenReconciled()
        if (stream.size > 0) expect((await session.streamOpen('agg')).eventCount).toBe(stream.ids.length)
      } finally {
        session.close()
      }

      // repair cuts exactly the torn tail (after a backup), reindex makes the index agree: verify is clean.
      const repaired = await repairStore(dir, { dryRun: false })
      expect(repaired.actions.map((action) => action.cutAt)).toEqual(
        stream.tornAt === null ? [] : [stream.tornAt],
      )
      expect(repaired.leftAlone).toEqual([])
      if (stream.tornAt !== null) expect((await stat(join(dir, 'agg.events.jsonl'))).size).toBe(stream.tornAt)
      await reindexStore(dir)
      const clean = await verifyStore(dir)
      expect(clean.problems).toEqual([])
      known = stream.ids
      // Backups are ours to remove here (they would fill the disk); other files are left as they are.
      for (const name of await readdir(dir)) if (name.includes('.bak-')) await rm(join(dir, name))
      ms.checks += performance.now() - t
      if (nextDir !== dir) {
        await rm(dir, { recursive: true, force: true })
        dir = nextDir
        known = []
        totals.stores++
      }
    }
    await killWriter(writer)
    console.log(`kill test: ${kill} kills, ${JSON.stringify(totals)} ${JSON.stringify(ms)}`)
    // The test proves something only if kills landed while events were being appended: every writer
    // was alive for its drawn acknowledgements (a writer that died early would fail here).
    let drawn = 0
    for (let done = 0; done < kill; done++) drawn += ackedBeforeKill(done)
    expect(totals.acked).toBeGreaterThanOrEqual(drawn)
    expect(landedInsideAnAppend()).toBe(true)
  }, 240_000)
})
