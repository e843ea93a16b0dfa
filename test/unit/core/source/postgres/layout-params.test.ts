// A layout or mapped table named in the address: split off before the pg client sees the address.

import { describe, expect, it } from 'vitest'
import { splitLayoutParams } from '../../../../../electron/core/source/postgres/layout-params'

describe('splitLayoutParams', () => {
  it('given an address without eventscope parameters, when split, then it is passed on exactly as given', () => {
    const address = 'postgres:///shop?host=/var/run/postgresql&sslmode=disable'
    expect(splitLayoutParams(address)).toEqual({
      address,
      layout: null,
      table: null,
      columns: null,
      schema: null,
    })
  })

  it('given a layout, when split, then it is taken out and the server parameters stay', () => {
    expect(
      splitLayoutParams('postgres://app:pw@db:5432/shop?sslmode=require&eventscope-layout=marten'),
    ).toEqual({
      address: 'postgres://app:pw@db:5432/shop?sslmode=require',
      layout: 'marten',
      table: null,
      columns: null,
      schema: null,
    })
  })

  it('given a mapped table with its columns, when split, then both come out decoded', () => {
    const split = splitLayoutParams(
      'postgres://db/app?eventscope-table=app.ledger&eventscope-columns=stream%3Daccount%2Cposition%3Dentry_no',
    )
    expect(split).toEqual({
      address: 'postgres://db/app',
      layout: null,
      table: 'app.ledger',
      columns: 'stream=account,position=entry_no',
      schema: null,
    })
  })

  it('given a schema, when split, then it comes out and may go with a layout', () => {
    expect(
      splitLayoutParams('postgres://db/app?eventscope-schema=Booking_1&eventscope-layout=eventuous'),
    ).toEqual({
      address: 'postgres://db/app',
      layout: 'eventuous',
      table: null,
      columns: null,
      schema: 'Booking_1',
    })
  })

  it.each([
    [
      'postgres://db/x?eventscope-layout=axon',
      /eventscope-layout takes emmett, marten, eventuous, message-db; got "axon"/,
    ],
    ['postgres://db/x?eventscope-layout=marten&eventscope-table=t', /exclude each other/],
    ['postgres://db/x?eventscope-columns=stream%3Da', /name the table too/],
    ['postgres://db/x?eventscope-schema=a%22b', /eventscope-schema takes a schema name of letters/],
    ['postgres://db/x?eventscope-schema=1st', /not starting with a digit/],
  ])('given %s, when split, then it is one invalid_input line', (address, message) => {
    expect(() => splitLayoutParams(address)).toThrow(message)
  })
})
