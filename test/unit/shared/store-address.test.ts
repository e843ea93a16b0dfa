import { describe, expect, it } from 'vitest'
import {
  addressHasPassword,
  addressWithoutPassword,
  databaseKindOf,
  isDatabaseAddress,
} from '../../../shared/store-address'

describe('store addresses', () => {
  it('given libpq URLs, sqlite: and paths, when classified, then only the schemes name a database', () => {
    expect(databaseKindOf('postgres://h/db')).toBe('postgres')
    expect(databaseKindOf('POSTGRESQL://h/db')).toBe('postgres')
    expect(databaseKindOf('postgres://')).toBe('postgres')
    expect(databaseKindOf('sqlite:/tmp/events.db')).toBe('sqlite')
    expect(isDatabaseAddress('/data/events')).toBe(false)
    expect(isDatabaseAddress('postgres-backup/events')).toBe(false)
  })

  it('given a password in the user part or the query, when shown, then it is gone and the rest stays', () => {
    expect(addressWithoutPassword('postgres://bob:s3cret@db.local:5433/shop?sslmode=disable')).toBe(
      'postgres://bob@db.local:5433/shop?sslmode=disable',
    )
    expect(addressWithoutPassword('postgres://bob@h/db?password=s3cret&application_name=x')).toBe(
      'postgres://bob@h/db?application_name=x',
    )
    expect(addressHasPassword('postgres://bob:s3cret@h/db')).toBe(true)
    expect(addressHasPassword('postgres://bob@h/db?PASSWORD=x')).toBe(true)
  })

  it('given an address without a password, when shown, then it is the text as typed', () => {
    for (const address of ['postgres://', 'postgres:///db?host=%2Ftmp%2Fsock', 'sqlite:./a b.db'])
      expect(addressWithoutPassword(address)).toBe(address)
    expect(addressHasPassword('postgres://h/db')).toBe(false)
  })

  it('given text that is not a URL after the scheme, when shown, then nothing after the scheme is', () => {
    const broken = 'postgres://bob:s3cret@[oops/db'
    expect(addressWithoutPassword(broken)).toBe('postgres://…')
    expect(addressHasPassword(broken)).toBe(true)
  })
})
