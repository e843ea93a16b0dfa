// The "huge store" of the Scale issue (10,000,000 events, over 5 GB), shared by the `huge` bench group
// and test/huge/huge-store.test.ts: generated once per machine with `eventscope gen --pad` and cached
// under node_modules/.cache/eventscope-huge/, keyed by its parameters and a version, with a
// `.complete` marker holding what gen reported, so later runs skip the two minutes of writing.

import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Bump when gen's output for the same parameters changes, so a stale cache is written again. */
export const hugeStoreVersion = 1

// 10,000 aggregates share 10 M events Zipf-wise: the longest stream has about 1.5 M events (~850 MB).
// --pad 300 makes events ~550 bytes on average: 10 M events are ~5.5 GB (over 5 GiB).
export const hugeStoreParams = { aggregates: 10_000, events: 10_000_000, seed: 'huge', pad: 300 }

const gib = 1024 ** 3

/** Where the store is cached (it is not removed: the next run reuses it). */
export function hugeStoreDir(root, params = hugeStoreParams) {
  const { aggregates, events, seed, pad } = params
  return join(
    root,
    'node_modules/.cache/eventscope-huge',
    `v${hugeStoreVersion}-a${aggregates}-e${events}-s${seed}-p${pad}`,
  )
}

/** What gen reported when it wrote the cached store, or null when there is none (or it is incomplete). */
export function cachedHugeStore(dir) {
  const marker = join(dir, '.complete')
  return existsSync(marker) ? JSON.parse(readFileSync(marker, 'utf8')) : null
}

/**
 * Disk the huge-store run needs on the cache's filesystem: the store (unless cached) plus one export of it,
 * plus 1 GiB of room. Returns { free, needed } in bytes.
 */
export function hugeDiskNeeds(dir) {
  let probe = dir
  while (!existsSync(probe)) probe = join(probe, '..')
  const fs = statfsSync(probe)
  const free = fs.bavail * fs.bsize
  const storeBytes = 5.6e9
  const needed = (cachedHugeStore(dir) ? 0 : storeBytes) + storeBytes + gib
  return { free, needed }
}

/**
 * The cached store, generated first when missing (resolves): { dir, report, generatedMs } where report is gen's
 * --json output and generatedMs null when the cache was used.
 */
export async function ensureHugeStore(
  root,
  cli,
  log = (line) => process.stderr.write(`${line}\n`),
  params = hugeStoreParams,
) {
  const dir = hugeStoreDir(root, params)
  const cached = cachedHugeStore(dir)
  if (cached) return { dir, report: cached, generatedMs: null }
  // Written under a name of its own and renamed into place when complete, so two runs at once (two
  // checkouts' test runs sharing node_modules, say) never write into one directory.
  const partial = `${dir}.partial-${process.pid}`
  rmSync(partial, { recursive: true, force: true })
  mkdirSync(join(dir, '..'), { recursive: true })
  const { aggregates, events, seed, pad } = params
  log(`generating the huge store (${events} events, --pad ${pad}) into ${dir}; cached for later runs ...`)
  const started = performance.now()
  // Asynchronous: a test worker's event loop must not stall for the two minutes this takes.
  const gen = await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        cli,
        'gen',
        partial,
        '--aggregates',
        `${aggregates}`,
        '--events',
        `${events}`,
        '--seed',
        seed,
        '--pad',
        `${pad}`,
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let stdout = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout }))
  })
  if (gen.status !== 0) {
    rmSync(partial, { recursive: true, force: true })
    throw new Error(`eventscope gen failed (exit ${gen.status})`)
  }
  const generatedMs = performance.now() - started
  const report = { ...JSON.parse(gen.stdout), dir, generatedMs }
  writeFileSync(join(partial, '.complete'), JSON.stringify(report, null, 2))
  // An incomplete leftover of a killed run is replaced; a complete one written meanwhile is kept.
  if (!cachedHugeStore(dir)) {
    rmSync(dir, { recursive: true, force: true })
    renameSync(partial, dir)
  } else rmSync(partial, { recursive: true, force: true })
  return { dir, report: cachedHugeStore(dir), generatedMs }
}
