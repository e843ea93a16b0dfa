// `eventscope verify` and `eventscope repair` as a user runs them: exit codes, the --json shape, verify
// writing nothing, and repair cutting only a torn last line after a backup (nothing with --dry-run).

import { appendFile, chmod, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fingerprintDir } from '../../support/store-files'
import { useTempDirs } from '../../support/temp-dir'
import { oneLineError, requireBuiltCli, runCli } from './run-built-cli'

const tempDir = useTempDirs('eventscope-cli-verify-')
beforeAll(() => requireBuiltCli())

interface VerifyDoc {
  ok: boolean
  aggregates: number
  events: number
  problems: {
    aggregateId: string | null
    file: string | null
    line: number | null
    offset: number | null
    kind: string
    severity: 'error' | 'warning'
    message: string
    snippet?: string | null
  }[]
}

const torn = '{"event_id": "torn-1", "event_type": "OrderPla'

/** A generated store with a torn tail in one stream, `not json` inside another, and index counts off. */
async function damagedStore(): Promise<{ dir: string; tornFile: string; badFile: string; drifted: string }> {
  const dir = join(await tempDir(), 'store')
  expect((await runCli(['gen', dir, '--aggregates', '6', '--events', '60'])).code).toBe(0)
  const files = (await readdir(dir)).filter((name) => name.endsWith('.events.jsonl')).sort()
  const [tornFile, badFile] = files as [string, string]
  await appendFile(join(dir, tornFile), torn)
  const lines = (await readFile(join(dir, badFile), 'utf8')).split('\n')
  lines.splice(2, 0, 'not json')
  await writeFile(join(dir, badFile), lines.join('\n'))
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
    aggregates: Record<string, { event_count: number }>
    total_events: number
  }
  const drifted = Object.keys(index.aggregates).sort()[2] as string
  ;(index.aggregates[drifted] as { event_count: number }).event_count += 3
  index.total_events += 3
  await writeFile(join(dir, 'index.json'), JSON.stringify(index, null, 2))
  return { dir, tornFile, badFile, drifted }
}

describe('eventscope verify', () => {
  it('given a clean store, when verified, then it exits 0 and says there are no problems', async () => {
    const dir = join(await tempDir(), 'store')
    await runCli(['gen', dir, '--aggregates', '4', '--events', '20'])
    const run = await runCli(['verify', dir])
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe('no problems in 4 aggregates; 20 events')
    expect(run.stderr).toBe('')
  })

  it('given only warnings, when verified, then it still exits 0', async () => {
    const dir = join(await tempDir(), 'store')
    await runCli(['gen', dir, '--aggregates', '4', '--events', '20'])
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { total_events: number }
    index.total_events += 1
    await writeFile(join(dir, 'index.json'), JSON.stringify(index))
    const run = await runCli(['verify', dir, '--json'])
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as VerifyDoc
    expect(doc.ok).toBe(true)
    expect(doc.problems).toMatchObject([
      { kind: 'index_total_mismatch', severity: 'warning', aggregateId: null },
    ])
  })

  it('given a damaged store, when verified with --json, then every finding names its aggregate, file, line and offset', async () => {
    const { dir, tornFile, badFile, drifted } = await damagedStore()
    const run = await runCli(['verify', dir, '--json'])
    expect(run.code).toBe(1)
    const doc = JSON.parse(run.stdout) as VerifyDoc
    expect(doc).toMatchObject({ ok: false, aggregates: 6, events: 60 })
    const tornText = await readFile(join(dir, tornFile), 'utf8')
    const badText = await readFile(join(dir, badFile), 'utf8')
    expect(doc.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          aggregateId: tornFile.replace('.events.jsonl', ''),
          file: tornFile,
          kind: 'torn_tail',
          severity: 'error',
          line: tornText.split('\n').length,
          offset: Buffer.byteLength(tornText) - Buffer.byteLength(torn),
        }),
        expect.objectContaining({
          aggregateId: badFile.replace('.events.jsonl', ''),
          file: badFile,
          kind: 'bad_line',
          line: 3,
          offset: Buffer.byteLength(badText.split('\n').slice(0, 2).join('\n')) + 1,
          snippet: 'not json',
        }),
        expect.objectContaining({ aggregateId: drifted, file: 'index.json', kind: 'index_count_mismatch' }),
        expect.objectContaining({ aggregateId: null, kind: 'index_total_mismatch' }),
      ]),
    )
    for (const problem of doc.problems) {
      expect(Object.keys(problem).sort()).toEqual(
        ['aggregateId', 'file', 'kind', 'line', 'message', 'offset', 'severity', 'snippet'].sort(),
      )
    }
  })

  it('given a damaged store, when verified as text, then findings are grouped by aggregate and summed up', async () => {
    const { dir, tornFile } = await damagedStore()
    const run = await runCli(['verify', dir])
    expect(run.code).toBe(1)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toContain(`${tornFile.replace('.events.jsonl', '')}  (${tornFile})`)
    expect(lines.at(-1)).toBe('2 errors, 2 warnings in 3 of 6 aggregates; 60 events')
    // Not a terminal: no progress on stderr.
    expect(run.stderr).toBe('')
  })

  it('given a damaged store, when verified, then not one byte or mtime in it changed', async () => {
    const { dir } = await damagedStore()
    const before = await fingerprintDir(dir)
    await runCli(['verify', dir])
    await runCli(['verify', dir, '--json'])
    expect(await fingerprintDir(dir)).toEqual(before)
  })

  it('given a directory that cannot be read, when verified, then it exits 2 with one line on stderr', async () => {
    const root = await tempDir()
    const missing = await runCli(['verify', join(root, 'nope')])
    expect(missing.code).toBe(2)
    expect(oneLineError(missing)).toMatch(/no such directory/)

    await writeFile(join(root, 'file.txt'), 'x')
    const notDir = await runCli(['verify', join(root, 'file.txt')])
    expect(notDir.code).toBe(2)
    oneLineError(notDir)

    if (process.getuid?.() !== 0) {
      const locked = join(root, 'locked')
      await runCli(['init', locked])
      await chmod(locked, 0o000)
      try {
        const run = await runCli(['verify', locked])
        expect(run.code).toBe(2)
        oneLineError(run)
      } finally {
        await chmod(locked, 0o755)
      }
    }
  })

  it('given no directory, when verify runs, then it is a usage error (exit 2)', async () => {
    const run = await runCli(['verify'])
    expect(run.code).toBe(2)
    expect(oneLineError(run)).toMatch(/verify needs DIR/)
  })
})

describe('eventscope repair', () => {
  it('given a torn tail and a bad middle line, when run with --dry-run, then it says what it would do and changes nothing', async () => {
    const { dir, tornFile, badFile } = await damagedStore()
    const before = await fingerprintDir(dir)
    const run = await runCli(['repair', dir, '--dry-run'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`${tornFile}: would cut a torn last line at byte`)
    expect(run.stdout).toContain(
      `${badFile} line 3: not valid JSON: Unexpected token 'o' — repair never deletes a line in the middle of a stream; fix it by hand`,
    )
    expect(run.stdout).toMatch(/dry run: would cut 1 stream; 1 bad line left alone; nothing was changed/)
    expect(run.stdout).toMatch(/run: eventscope reindex /)
    expect(await fingerprintDir(dir)).toEqual(before)
  })

  it('given a torn tail, when repaired, then the line is cut after a byte-exact backup and the bad middle line stays', async () => {
    const { dir, tornFile, badFile } = await damagedStore()
    const original = await readFile(join(dir, tornFile), 'utf8')
    const badBefore = await readFile(join(dir, badFile), 'utf8')
    const run = await runCli(['repair', dir, '--json'])
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as {
      dryRun: boolean
      actions: { file: string; backup: string; cutAt: number; bytesRemoved: number }[]
      leftAlone: { file: string; line: number; kind: string }[]
      reindexSuggested: boolean
    }
    expect(doc).toMatchObject({
      dryRun: false,
      actions: [
        { file: tornFile, cutAt: Buffer.byteLength(original) - torn.length, bytesRemoved: torn.length },
      ],
      leftAlone: [{ file: badFile, line: 3, kind: 'bad_line' }],
      reindexSuggested: true,
    })
    const backup = doc.actions[0]?.backup as string
    expect(await readFile(join(dir, backup), 'utf8')).toBe(original)
    expect(await readFile(join(dir, tornFile), 'utf8')).toBe(original.slice(0, -torn.length))
    expect(await readFile(join(dir, badFile), 'utf8')).toBe(badBefore)

    const verify = JSON.parse((await runCli(['verify', dir, '--json'])).stdout) as VerifyDoc
    expect(verify.problems.map((problem) => problem.kind)).not.toContain('torn_tail')
    const again = await runCli(['repair', dir])
    expect(again.stdout).toContain('nothing to repair: no torn last lines; 1 bad line left alone')
  })

  it('given repair and then reindex, when verified, then only the bad middle line is left', async () => {
    const { dir } = await damagedStore()
    await runCli(['repair', dir])
    expect((await runCli(['reindex', dir])).code).toBe(0)
    const verify = JSON.parse((await runCli(['verify', dir, '--json'])).stdout) as VerifyDoc
    expect(verify.problems.map((problem) => problem.kind)).toEqual(['bad_line'])
    const repairAgain = await runCli(['repair', dir])
    expect(repairAgain.stdout).not.toMatch(/reindex/)
  })

  it('given a missing directory, when repaired, then it fails with one line', async () => {
    const run = await runCli(['repair', join(await tempDir(), 'nope')])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toMatch(/no such directory/)
  })
})
