// One lstat as a stat-streams task's numbers (stat-numbers.ts): through Node's binding where it answers
// as lstatSync does, through lstatSync where the binding is missing, lies, or the first stream gives
// nothing to check it against; the numbers are lstatSync's either way.

import { lstatSync } from 'node:fs'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { statPutter } from '../../../../electron/core/worker/stat-numbers'
import { StatKind } from '../../../../electron/core/worker/worker-protocol'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

afterEach(() => vi.restoreAllMocks())

// A file, a link to it, a folder, and a missing path, with what lstatSync says of each.
async function entries() {
  const dir = await tempDir()
  const file = join(dir, 'a.events.jsonl')
  await writeFile(file, '{"event_type": "X"}\n'.repeat(7))
  await symlink(file, join(dir, 'b.events.jsonl'))
  await mkdir(join(dir, 'c.events.jsonl'))
  const paths = ['a', 'b', 'c'].map((id) => join(dir, `${id}.events.jsonl`))
  const expected = paths.map((path) => {
    const info = lstatSync(path)
    const kind = info.isFile() ? StatKind.file : info.isSymbolicLink() ? StatKind.link : StatKind.other
    return [info.size, info.mtimeMs, info.ctimeMs, info.ino, info.dev, kind]
  })
  return { dir, paths, expected, missing: join(dir, 'gone.events.jsonl') }
}

function numbersOf(put: ReturnType<typeof statPutter>, path: string): number[] | 'missing' {
  const columns = new Float64Array(8).fill(-1)
  // At 2, not 0: the numbers go where they are told.
  return put(path, columns, 2) === 'missing' ? 'missing' : Array.from(columns.subarray(2, 8))
}

const bindingOf = () => (process as unknown as { binding: (name: string) => unknown }).binding

describe('statPutter', () => {
  it("given a file, a link and a folder, when stat-ed, then each comes back with lstatSync's very numbers and kind, and a missing path as missing", async () => {
    const { paths, expected, missing } = await entries()
    const put = statPutter(paths[0])
    expect(paths.map((path) => numbersOf(put, path))).toEqual(expected)
    expect(expected.map((numbers) => numbers[5])).toEqual([StatKind.file, StatKind.link, StatKind.other])
    expect(numbersOf(put, missing)).toBe('missing')
  })

  it('given a path under a file (not a folder), when stat-ed, then it throws with the code lstatSync gives', async () => {
    const { paths } = await entries()
    const put = statPutter(paths[0])
    const under = join(paths[0] as string, 'x')
    const code = (() => {
      try {
        lstatSync(under)
        return 'none'
      } catch (error) {
        return (error as NodeJS.ErrnoException).code
      }
    })()
    expect(code).toBe('ENOTDIR')
    expect(() => put(under, new Float64Array(6), 0)).toThrow(expect.objectContaining({ code }))
  })

  it('given a runtime whose binding has no lstat, when stat-ed, then lstatSync answers, with the same numbers', async () => {
    const { paths, expected } = await entries()
    const binding = vi.spyOn(process as unknown as { binding: (name: string) => unknown }, 'binding')
    binding.mockImplementation(() => ({}))
    const put = statPutter(paths[0])
    expect(paths.map((path) => numbersOf(put, path))).toEqual(expected)
    expect(binding).toHaveBeenCalled()
  })

  it('given a binding that answers other numbers than lstatSync for the first stream, when stat-ed, then it is not used', async () => {
    const { paths, expected } = await entries()
    const real = bindingOf()('fs') as { lstat: (...args: unknown[]) => Float64Array }
    const lying = vi.fn((...args: unknown[]) => {
      const values = Float64Array.from(real.lstat(...args))
      values[8] = (values[8] as number) + 1 // the size
      return values
    })
    vi.spyOn(process as unknown as { binding: (name: string) => unknown }, 'binding').mockImplementation(
      () => ({
        lstat: lying,
      }),
    )
    const put = statPutter(paths[0])
    expect(paths.map((path) => numbersOf(put, path))).toEqual(expected)
    // Asked once, to check it, and never again.
    expect(lying).toHaveBeenCalledTimes(1)
  })

  it('given a first stream that is missing (nothing to check the binding against), when stat-ed, then lstatSync answers every stream', async () => {
    const { paths, expected, missing } = await entries()
    const real = bindingOf()('fs') as { lstat: (...args: unknown[]) => Float64Array }
    const watched = vi.fn((...args: unknown[]) => real.lstat(...args))
    vi.spyOn(process as unknown as { binding: (name: string) => unknown }, 'binding').mockImplementation(
      () => ({
        lstat: watched,
      }),
    )
    const put = statPutter(missing)
    expect(paths.map((path) => numbersOf(put, path))).toEqual(expected)
    expect(watched).toHaveBeenCalledTimes(1)
  })

  it('given a process started with --pending-deprecation (asking the binding would print a warning), when stat-ed, then the binding is not asked', async () => {
    const { paths, expected } = await entries()
    const execArgv = process.execArgv
    process.execArgv = [...execArgv, '--pending-deprecation']
    try {
      const binding = vi.spyOn(process as unknown as { binding: (name: string) => unknown }, 'binding')
      const put = statPutter(paths[0])
      expect(paths.map((path) => numbersOf(put, path))).toEqual(expected)
      expect(binding).not.toHaveBeenCalled()
    } finally {
      process.execArgv = execArgv
    }
  })

  it('given this Node, when stat-ed, then the binding answers every stream after the check (no Stats object made)', async () => {
    const { paths, expected } = await entries()
    const real = bindingOf()('fs') as { lstat: (...args: unknown[]) => Float64Array }
    const watched = vi.fn((...args: unknown[]) => real.lstat(...args))
    vi.spyOn(process as unknown as { binding: (name: string) => unknown }, 'binding').mockImplementation(
      () => ({
        lstat: watched,
      }),
    )
    const put = statPutter(paths[0])
    expect(paths.map((path) => numbersOf(put, path))).toEqual(expected)
    expect(watched).toHaveBeenCalledTimes(1 + paths.length)
  })
})
