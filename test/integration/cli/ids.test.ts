// `eventscope ids DIR [PREFIX]`: ids from the file names, in order, filtered by prefix; nothing read.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { oneLineError, runCli, runJson } from './run-built-cli'

const dir = mkdtempSync(join(tmpdir(), 'eventscope-cli-ids-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
// Not JSON at all: ids never reads a stream, so it cannot mind.
for (const id of ['order-2', 'order-1', 'user-1'])
  writeFileSync(join(dir, `${id}.events.jsonl`), 'not json\n')
writeFileSync(join(dir, 'notes.txt'), 'clutter')

describe('given a store', () => {
  it('when listing ids, then every stream file’s id is printed in order, one per line', async () => {
    expect((await runCli(['ids', dir])).stdout).toBe('order-1\norder-2\nuser-1\n')
  })

  it('when a PREFIX is given, then only the ids starting with it, as JSON with --json', async () => {
    expect(await runJson(['ids', dir, 'order'])).toEqual({ ids: ['order-1', 'order-2'] })
  })

  it('when DIR does not exist, then one line says so, exit 1', async () => {
    const run = await runCli(['ids', join(dir, 'nope')])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toBe(`eventscope: no such directory: ${join(dir, 'nope')}`)
  })
})
