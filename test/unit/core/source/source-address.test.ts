// Which store arguments name a database, and how a database is named to the user: never with its password.

import { describe, expect, it } from 'vitest'
import { databaseKindOf } from '../../../../shared/store-address'
import {
  isPostgresAddress,
  postgresDisplayName,
  sqliteDisplayName,
  sqlitePathOf,
} from '../../../../electron/core/source/source-address'

describe('a store argument', () => {
  it.each([
    ['postgres://u:p@h/db', true],
    ['postgresql://h/db', true],
    ['POSTGRES://h/db', true],
    ['postgres://', true],
    ['postgres:/db', false],
    ['./postgres://x', false],
    ['/data/events', false],
    ['', false],
  ])('given %j, when asked whether it is a database, then %s', (text, expected) => {
    expect(isPostgresAddress(text)).toBe(expected)
  })
})

describe('the name of a database shown to the user', () => {
  const none = {}
  it.each([
    ['postgres://app:s3cret@db.example:6543/shop', none, 'PostgreSQL at db.example:6543/shop'],
    ['postgres://app:s3cret@db.example/shop', none, 'PostgreSQL at db.example:5432/shop'],
    [
      'postgres:///shop?host=/var/run/postgresql',
      none,
      'PostgreSQL at /var/run/postgresql (socket), port 5432/shop',
    ],
    ['postgresql://%2Ftmp%2Fpg:5433/shop', none, 'PostgreSQL at /tmp/pg (socket), port 5433/shop'],
    [
      'postgres://',
      { PGHOST: 'pg.local', PGPORT: '7000', PGDATABASE: 'events', PGPASSWORD: 'x' },
      'PostgreSQL at pg.local:7000/events',
    ],
    ['postgres://', { PGUSER: 'ann' }, 'PostgreSQL at localhost:5432/ann'],
  ])('given %j and the environment %j, then it is %j', (address, env, name) => {
    expect(postgresDisplayName(address, env)).toBe(name)
    expect(postgresDisplayName(address, env)).not.toMatch(/s3cret|\bx\b/)
  })
})

describe('a sqlite: address', () => {
  it.each([
    ['sqlite:shop.db', '/work/app/shop.db'],
    ['sqlite:./data/shop.db', '/work/app/data/shop.db'],
    ['SQLITE:/var/lib/shop.db', '/var/lib/shop.db'],
    ['sqlite:///var/lib/shop.db', '/var/lib/shop.db'],
    ['sqlite:../shop.db', '/work/shop.db'],
    ['sqlite:', null],
    ['sqlite://server/shop.db', null],
  ])('given %j, then it names the file %j', (address, path) => {
    expect(databaseKindOf(address)).toBe('sqlite')
    expect(sqlitePathOf(address, '/work/app')).toBe(path)
  })

  it.each([
    ['postgres://h/db', 'postgres'],
    ['/data/shop.db', null],
    ['./sqlite:x', null],
    ['sqlite', null],
  ])('given %j, then its kind by scheme is %j', (text, kind) => {
    expect(databaseKindOf(text)).toBe(kind)
  })

  it('given a path, then it is named to the user as SQLite at that path', () => {
    expect(sqliteDisplayName('/var/lib/shop.db')).toBe('SQLite at /var/lib/shop.db')
  })
})
