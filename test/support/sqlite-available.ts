// Whether the SQLite tests can run here. better-sqlite3 (the SQLite source), sqlite3 and Emmett's
// SQLite package (which write the fixtures) are optional dependencies: native modules that npm leaves
// out, without failing `npm install`, where no prebuilt binary can be fetched and nothing can build one.
// A developer's machine like that skips the SQLite tests with this printed, as one without PostgreSQL
// skips those; under CI (`CI` set) there is never a reason, so a missing module fails them there:
// `.ci/run` installs the compiler they build with.

import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** Why the SQLite tests cannot run on this machine, or null when they can. */
export function sqliteSkipReason(): string | null {
  if (process.env.CI) return null
  const missing = ['better-sqlite3', 'sqlite3', '@event-driven-io/emmett-sqlite'].filter((name) => {
    try {
      require.resolve(name)
      return false
    } catch {
      return true
    }
  })
  if (missing.length === 0) return null
  return `${missing.join(', ')} not installed (optional native modules npm could not build: install python3, make and g++, then npm install)`
}

/** Print once per file why its SQLite tests are skipped; returns the reason (null: they run). */
export function skipSqliteTests(what: string): string | null {
  const reason = sqliteSkipReason()
  if (reason !== null) console.log(`Skipping the SQLite tests of ${what}: ${reason}`)
  return reason
}
