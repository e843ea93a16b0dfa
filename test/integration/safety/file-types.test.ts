// Files must be what they claim: every file the store reads is opened as a regular file or refused.
// A FIFO named index.json used to hang list, verify and store.open (and, five stores at once, every
// file-system thread of the host); a device was read to 1 GB; a linked `.eventscope` folder was followed.

import { execFileSync } from 'node:child_process'
import { mkdir, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { passStream } from '../../../electron/core/export/stream-pass'
import {
  codeFileStat,
  listCodeNames,
  readCodeFile,
  reducerPath,
} from '../../../electron/core/reducers/code-files'
import { scanLines } from '../../../electron/core/scan/scan-lines'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import { readIndexTable } from '../../../electron/core/store/index-file'
import { readRegularFile } from '../../../electron/core/store/regular-file'
import { scanStream } from '../../../electron/core/stream/stream-index'
import { verifyStore } from '../../../electron/core/verify/verify-store'
import { jsonLines } from '../../support/store-files'
import { useTempDirs } from '../../support/temp-dir'
import { runCli } from '../cli/run-built-cli'

const tempDir = useTempDirs('eventscope-file-types-')

/** A one-stream store whose index.json is a FIFO no one will ever write to. */
async function storeWithFifoIndex(): Promise<string> {
  const dir = await tempDir()
  await writeFile(join(dir, 'u1.events.jsonl'), jsonLines([{ event_type: 'A', aggregate_id: 'u1', n: 1 }]))
  execFileSync('mkfifo', [join(dir, 'index.json')])
  return dir
}

const isRoot = process.getuid?.() === 0

describe('given an index.json that is a FIFO', () => {
  it('when the index is read, then it is reported as a named pipe at once, not waited on', async () => {
    const dir = await storeWithFifoIndex()

    expect(await readIndexTable(dir)).toEqual({
      state: 'unreadable',
      reason: 'index.json is a named pipe (FIFO), not a regular file; not read',
    })
  })

  it('when verified, then the FIFO is a finding and the stream is still verified', async () => {
    const dir = await storeWithFifoIndex()

    const report = await verifyStore(dir)

    expect(report.problems.map((finding) => finding.kind)).toContain('index_unreadable')
    expect(report.events).toBe(1)
  })

  it('when six such stores are opened at once, then every open answers and the file-system threads stay free', async () => {
    const dirs = await Promise.all(Array.from({ length: 6 }, storeWithFifoIndex))
    const sessions = dirs.map(() => new ExplorerSession())
    try {
      const summaries = await Promise.all(sessions.map((session, i) => session.open(dirs[i] as string)))

      expect(summaries.map((summary) => summary.dir)).toEqual(dirs)
      // Four threads serve every fs call: a stat answering here means none is stuck on a FIFO.
      await expect(stat(dirs[0] as string)).resolves.toBeDefined()
    } finally {
      for (const session of sessions) session.close()
    }
  })

  it('when `eventscope list` and `verify` run on it, then both answer (verify exits 1 naming index.json)', async () => {
    const dir = await storeWithFifoIndex()

    const list = await runCli(['list', dir, '--json'])
    const verify = await runCli(['verify', dir])

    expect(list.code, list.stderr).toBe(0)
    expect(JSON.parse(list.stdout)).toMatchObject({ aggregates: [{ id: 'u1', event_count: 1 }] })
    expect(verify.code).toBe(1)
    expect(verify.stdout + verify.stderr).toContain('named pipe')
  }, 60_000)
})

describe('given a path that is a FIFO or a device where a stream or code file belongs', () => {
  const specials = async (): Promise<string[]> => {
    const fifo = join(await tempDir(), 'u1.events.jsonl')
    execFileSync('mkfifo', [fifo])
    return [fifo, '/dev/zero']
  }

  it('when any store reader opens it, then each refuses it as not a regular file before reading a byte', async () => {
    for (const file of await specials()) {
      const refused = { code: 'ENOTREGULAR' }
      await expect(scanStream(file, 'u1', { replay: true })).rejects.toMatchObject(refused)
      await expect(scanLines(file, 'u1', { onEvent: () => true })).rejects.toMatchObject(refused)
      await expect(
        passStream({ file, aggregateId: 'u1', bytes: 1 }, { onEvent: () => {}, afterChunk: async () => {} }),
      ).rejects.toMatchObject(refused)
      await expect(readRegularFile(file, 1024)).rejects.toMatchObject(refused)
      expect(await readCodeFile(file)).toBeNull()
    }
  })

  it.runIf(isRoot)(
    'when index.json is a character device (mknod, as root), then it is reported, not read',
    async () => {
      const dir = await tempDir()
      execFileSync('mknod', [join(dir, 'index.json'), 'c', '1', '5'])

      expect(await readIndexTable(dir)).toEqual({
        state: 'unreadable',
        reason: 'index.json is a device, not a regular file; not read',
      })
    },
  )
  if (!isRoot) console.log('file-types: the mknod case needs root; /dev/zero stands in for a device above')
})

describe('given a store holding a FIFO and a folder named like streams', () => {
  const notAFile = (name: string): [string, string] => [
    'not_a_file',
    `${name}.events.jsonl is not a regular file (a folder, pipe, socket or device); not read`,
  ]

  it('when it is listed (cold, then from the scan cache), opened and verified, then each entry is reported once, never read, and the real stream is', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'u1.events.jsonl'), jsonLines([{ event_type: 'Noted', aggregate_id: 'u1' }]))
    execFileSync('mkfifo', [join(dir, 'pipe.events.jsonl')])
    await mkdir(join(dir, 'folder.events.jsonl'))
    const cache = { XDG_CACHE_HOME: await tempDir() }

    for (const run of ['cold', 'warm']) {
      const list = await runCli(['list', dir, '--json'], { env: cache })
      expect({ run, code: list.code }).toEqual({ run, code: 0 })
      const doc = JSON.parse(list.stdout) as {
        aggregates: { id: string; event_count: number }[]
        problems: { kind: string; message: string }[]
      }
      expect(doc.aggregates.map((row) => [row.id, row.event_count])).toEqual([['u1', 1]])
      expect(doc.problems.map((problem) => [problem.kind, problem.message])).toEqual([
        notAFile('folder'),
        notAFile('pipe'),
      ])
    }

    const session = new ExplorerSession()
    try {
      await session.open(dir)
      const summary = await session.whenReconciled()
      expect(summary.problems.filter((problem) => problem.kind === 'not_a_file')).toHaveLength(2)
      expect(session.aggregates().map((row) => row.id)).toEqual(['u1'])
    } finally {
      session.close()
    }

    // Asked for by name, each is refused for safety and said so; a write to one writes nothing.
    for (const name of ['pipe', 'folder']) {
      const message = notAFile(name)[1]
      for (const args of [
        ['state', dir, name],
        ['events', dir, name, '--json'],
      ])
        expect(await runCli(args)).toMatchObject({ code: 1, stdout: '' })
      expect((await runCli(['state', dir, name])).stderr).toBe(`eventscope: ${message}\n`)
      const append = await runCli(['append', dir, name, 'Noted', '--data', '{}'])
      expect(append.code).not.toBe(0)
      expect(append.stderr).toMatch(
        new RegExp(
          `^eventscope: ${name}\\.events\\.jsonl is a (named pipe \\(FIFO\\)|directory), not a regular file; eventscope writes only to regular files\\n$`,
        ),
      )
    }

    const report = await verifyStore(dir)
    expect(report.aggregates).toBe(1)
    const entries = report.problems.filter((problem) => problem.aggregateId === null)
    expect(entries.map((problem) => [problem.kind, problem.file])).toEqual([
      ['not_a_file', 'folder.events.jsonl'],
      ['not_a_file', 'pipe.events.jsonl'],
    ])
  })
})

describe('given a store whose .eventscope folder (or its reducers folder) is a symbolic link', () => {
  async function linkedCodeStore(which: 'eventscope' | 'reducers'): Promise<string> {
    const outside = await tempDir()
    const store = await tempDir()
    await mkdir(join(outside, '.eventscope', 'reducers'), { recursive: true })
    await writeFile(join(outside, '.eventscope', 'reducers', 'Order.js'), 'export default {}')
    if (which === 'eventscope') await symlink(join(outside, '.eventscope'), join(store, '.eventscope'))
    else {
      await mkdir(join(store, '.eventscope'))
      await symlink(join(outside, '.eventscope', 'reducers'), join(store, '.eventscope', 'reducers'))
    }
    return store
  }

  it.each(['eventscope', 'reducers'] as const)(
    'when the %s folder links elsewhere, then its reducers are neither listed, found nor read',
    async (which) => {
      const store = await linkedCodeStore(which)
      const file = reducerPath(store, 'Order') as string

      expect(await listCodeNames(store, 'reducers')).toEqual([])
      expect(await codeFileStat(file)).toBeNull()
      expect(await readCodeFile(file)).toBeNull()
    },
  )
})
