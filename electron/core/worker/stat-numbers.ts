// One lstat as the numbers a stat-streams task sends (size, mtimeMs, ctimeMs, ino, dev, kind), without
// the Stats object fs.lstatSync makes.
//
// Why: Node 20's Stats builds four Date objects per call. Stat'ing 100,000 streams on two threads,
// those objects and the collection of their garbage took a fifth of each thread's time (measured per
// thread: 41 ms building Stats and 85 ms collecting, of 750 ms), and the stat is what a warm `list`
// waits for. Node's fs binding answers the same numbers in a Float64Array. It is an internal, so it is
// used only where it is there, and only after it answered as lstatSync does for the task's first
// stream; anywhere else (another runtime, another layout) each stream goes through lstatSync.

import { lstatSync, type Stats } from 'node:fs'
import { StatKind } from './worker-protocol'

/** Where one stream's numbers go: `columns[at]` to `columns[at + 5]`. */
export type PutStat = (path: string, columns: Float64Array, at: number) => 'ok' | 'missing'

// The binding's layout: dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, then seconds and
// nanoseconds of atime, mtime, ctime and birthtime.
const DEV = 0
const MODE = 1
const INO = 7
const SIZE = 8
const MTIME_S = 12
const MTIME_NS = 13
const CTIME_S = 14
const CTIME_NS = 15
const typeMask = 0o170000
const regularFile = 0o100000
const symbolicLink = 0o120000

type RawLstat = (
  path: string,
  bigint: false,
  request: undefined,
  throwIfNoEntry: boolean,
) => Float64Array | undefined

/**
 * A PutStat for one task: the binding's where it agrees with lstatSync on `firstPath`, else
 * lstatSync's. Errors other than a missing file throw, with their code, as lstatSync's do.
 */
export function statPutter(firstPath: string | undefined): PutStat {
  const raw = rawLstat()
  if (raw && firstPath !== undefined && agrees(raw, firstPath)) return putFrom(raw)
  return putFromStats
}

const putFromStats: PutStat = (path, columns, at) => {
  const info = lstatSync(path, { throwIfNoEntry: false })
  if (!info) return 'missing'
  putNumbers(columns, at, info.size, info.mtimeMs, info.ctimeMs, info.ino, info.dev, kindOfStats(info))
  return 'ok'
}

function putFrom(raw: RawLstat): PutStat {
  return (path, columns, at) => {
    const values = raw(path, false, undefined, false)
    if (!values) return 'missing'
    putNumbers(
      columns,
      at,
      values[SIZE] as number,
      msOf(values[MTIME_S] as number, values[MTIME_NS] as number),
      msOf(values[CTIME_S] as number, values[CTIME_NS] as number),
      values[INO] as number,
      values[DEV] as number,
      kindOfMode(values[MODE] as number),
    )
    return 'ok'
  }
}

function putNumbers(
  columns: Float64Array,
  at: number,
  size: number,
  mtimeMs: number,
  ctimeMs: number,
  ino: number,
  dev: number,
  kind: number,
): void {
  columns[at] = size
  columns[at + 1] = mtimeMs
  columns[at + 2] = ctimeMs
  columns[at + 3] = ino
  columns[at + 4] = dev
  columns[at + 5] = kind
}

// As Node computes Stats' *Ms fields, so the two ways give the very same numbers.
function msOf(seconds: number, nanoseconds: number): number {
  return seconds * 1e3 + nanoseconds / 1e6
}

function kindOfStats(info: Stats): number {
  return info.isFile() ? StatKind.file : info.isSymbolicLink() ? StatKind.link : StatKind.other
}

function kindOfMode(mode: number): number {
  const type = mode & typeMask
  return type === regularFile ? StatKind.file : type === symbolicLink ? StatKind.link : StatKind.other
}

// Whether the binding answers `path` as lstatSync does, number for number (false when either fails).
function agrees(raw: RawLstat, path: string): boolean {
  try {
    const viaRaw = new Float64Array(6)
    const viaStats = new Float64Array(6)
    if (putFrom(raw)(path, viaRaw, 0) !== 'ok' || putFromStats(path, viaStats, 0) !== 'ok') return false
    return viaRaw.every((value, i) => Object.is(value, viaStats[i]))
  } catch {
    return false
  }
}

// The binding's lstat, or null where this runtime has none (or a flag would make asking print a warning).
function rawLstat(): RawLstat | null {
  if (
    [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flag) => flag.includes('pending-deprecation'))
  )
    return null
  try {
    const binding = (process as unknown as { binding?: (name: string) => { lstat?: unknown } }).binding?.(
      'fs',
    )
    return typeof binding?.lstat === 'function' ? (binding.lstat.bind(binding) as RawLstat) : null
  } catch {
    return null
  }
}
