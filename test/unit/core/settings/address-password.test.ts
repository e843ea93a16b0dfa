import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitPassword, withPassword } from '../../../../electron/core/settings/address-password'

describe('splitPassword and withPassword', () => {
  it('given an address without a password or a directory, when split, then it is left as it is', () => {
    for (const text of [
      'postgres://app@db/shop',
      'postgres://',
      '/data/events',
      'sqlite:/tmp/a.db',
      'postgres://[bad',
    ])
      expect(splitPassword(text)).toEqual({ shown: text, password: null })
  })

  it('given a password in the user part, when split, then it comes out decoded and the rest stays', () => {
    expect(splitPassword('postgres://app:p%40ss%3Aw@db:5433/shop?sslmode=require')).toEqual({
      shown: 'postgres://app@db:5433/shop?sslmode=require',
      password: 'p@ss:w',
    })
  })

  it('given a password parameter (any case), when split, then it is taken out of the query', () => {
    expect(splitPassword('postgresql:///shop?host=/run/pg&PassWord=x1&user=app')).toEqual({
      shown: 'postgresql:///shop?host=%2Frun%2Fpg&user=app',
      password: 'x1',
    })
  })

  it('given any password, when put back and split again, then the same password and address come out', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.constantFrom('postgres://app@db:5432/shop', 'postgres:///shop?host=/run/pg'),
        (password, shown) => {
          const split = splitPassword(withPassword(shown, password))
          expect(split.password).toBe(password)
          expect(splitPassword(split.shown).password).toBeNull()
        },
      ),
    )
  })
})
