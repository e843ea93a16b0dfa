// Telling a database's layout from its catalog: pure, over catalog rows as tablesPresentSql returns them.

import { describe, expect, it } from 'vitest'
import { StoreError } from '../../../../../electron/core/errors'
import {
  chooseLayout,
  tableNames,
  type PresentTable,
} from '../../../../../electron/core/source/postgres/detect-layout'
import { emmettLayout } from '../../../../../electron/core/source/postgres/emmett-layout'
import { martenLayout } from '../../../../../electron/core/source/postgres/marten-layout'
import { messageDbLayout as other } from '../../../../../electron/core/source/postgres/message-db-layout'

const emmettTables: PresentTable[] = [
  {
    schema: 'public',
    name: 'emt_streams',
    visible: true,
    columns: ['stream_id', 'stream_position', 'stream_type'],
    types: [],
  },
  {
    schema: 'public',
    name: 'emt_messages',
    visible: true,
    columns: ['stream_id', 'stream_position', 'message_data'],
    types: [],
  },
]
const messageStore: PresentTable = {
  schema: 'message_store',
  name: 'messages',
  visible: false,
  columns: ['global_position', 'position', 'time', 'stream_name', 'type', 'data', 'metadata', 'id'],
  types: [],
}

function failure(run: () => unknown): StoreError {
  try {
    run()
  } catch (error) {
    if (error instanceof StoreError) return error
    throw error
  }
  throw new Error('it did not fail')
}

describe('chooseLayout', () => {
  it('given the tables of one layout, when choosing, then that layout is chosen', () => {
    expect(chooseLayout([emmettLayout, other], emmettTables, 'db').name).toBe('emmett')
    expect(chooseLayout([emmettLayout, other], [messageStore], 'db').name).toBe('message-db')
  })

  it('given a table of that name outside the search path, when it is looked for there, then it is not taken', () => {
    const hidden = emmettTables.map((table) => ({ ...table, visible: false }))
    expect(failure(() => chooseLayout([emmettLayout], hidden, 'db')).code).toBe('no_store')
  })

  it('given a table of that name without the columns that tell the library, then it is not taken', () => {
    const foreign = { ...messageStore, columns: ['id', 'body'] }
    expect(failure(() => chooseLayout([other], [foreign], 'db')).message).toBe(
      'db holds no Message DB event store: no message_store.messages table',
    )
  })

  it('given two layouts, when choosing, then it refuses and asks for --layout', () => {
    const error = failure(() => chooseLayout([emmettLayout, other], [...emmettTables, messageStore], 'db'))
    expect(error.code).toBe('invalid_input')
    expect(error.message).toBe('db holds the tables of Emmett and Message DB: choose one with --layout')
  })

  it('given no layout, when choosing among several, then one line names every layout and --table', () => {
    const error = failure(() => chooseLayout([emmettLayout, other], [], 'db'))
    expect(error.code).toBe('no_store')
    expect(error.message).toBe(
      'db holds no event store eventscope knows: none of the tables of Emmett (emt_streams, emt_messages), Message DB (message_store.messages); map a table with --table',
    )
  })

  it("given Marten's tables with uuid stream ids, when chosen, then only a uuid names a stream", () => {
    const columns = ['seq_id', 'id', 'stream_id', 'version', 'data', 'type', 'timestamp', 'is_archived']
    const marten = (streamIdType: string): PresentTable[] => [
      {
        schema: 'public',
        name: 'mt_streams',
        visible: true,
        columns: ['id', 'type', 'version', 'is_archived'],
        types: [],
      },
      {
        schema: 'public',
        name: 'mt_events',
        visible: true,
        columns,
        types: columns.map((column) => (column === 'stream_id' ? streamIdType : 'text')),
      },
    ]
    const byGuid = chooseLayout([emmettLayout, martenLayout, other], marten('uuid'), 'db')
    expect(byGuid.name).toBe('marten')
    expect(byGuid.acceptsStreamId?.('0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d')).toBe(true)
    expect(byGuid.acceptsStreamId?.('order-1')).toBe(false)
    const byString = chooseLayout([martenLayout], marten('character varying'), 'db')
    expect(byString.acceptsStreamId?.('order-1') ?? true).toBe(true)
  })

  it('when listing the names to look for, then each appears once', () => {
    expect(tableNames([emmettLayout, other, emmettLayout])).toEqual([
      'emt_streams',
      'emt_messages',
      'messages',
    ])
  })
})
