// Which store arguments name a database: a scheme, or a plain path to a file that begins with SQLite's
// header, whatever its name; a directory, a missing path and any other file are not.

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isSqliteFile, storeDatabaseKind } from '../../../../electron/core/source/database-address'
import { useTempDirs } from '../../../support/temp-dir'
import { skipSqliteTests } from '../../../support/sqlite-available'

const noSqlite = skipSqliteTests('this file')

const tempDir = useTempDirs()

describe('a store argument', () => {
  it.skipIf(noSqlite !== null)(
    'given a SQLite file under any name, then it is a sqlite store; given anything else on disk, then it is none',
    async () => {
      const dir = await tempDir()
      const { default: Database } = await import('better-sqlite3')
      for (const name of ['shop.db', 'events', 'store.sqlite3'])
        new Database(join(dir, name)).exec('CREATE TABLE t (x)')
      writeFileSync(join(dir, 'notes.db'), 'SQLite format 2 but not really')
      writeFileSync(join(dir, 'short.db'), 'SQLite')
      mkdirSync(join(dir, 'store.db'))
      expect(storeDatabaseKind('shop.db', dir)).toBe('sqlite')
      expect(storeDatabaseKind(join(dir, 'events'))).toBe('sqlite')
      expect(storeDatabaseKind('store.sqlite3', dir)).toBe('sqlite')
      for (const other of ['notes.db', 'short.db', 'store.db', 'missing.db', ''])
        expect(storeDatabaseKind(other, dir)).toBeNull()
      expect(isSqliteFile(join(dir, 'store.db'))).toBe(false)
    },
  )

  it('given an address, then its scheme decides without looking at the disk', () => {
    expect(storeDatabaseKind('postgres://h/db')).toBe('postgres')
    expect(storeDatabaseKind('sqlite:/nowhere/at/all.db')).toBe('sqlite')
  })
})
