// The `--where` translator's shape, without a server (the property test on a real PostgreSQL,
// test/integration/core/source/postgres-where-pushdown.test.ts, holds it to eventscope's results):
// what it says exactly, what it leaves to eventscope, and that typed text only ever travels as a
// parameter.

import { describe, expect, it } from 'vitest'
import { parseExpression } from '../../../../electron/core/search/expression'
import { emmettLayout } from '../../../../electron/core/source/postgres/emmett-layout'
import { findTableOf } from '../../../../electron/core/source/postgres/find-events-sql'
import { SqlParams } from '../../../../electron/core/source/postgres/sql-params'
import { whereToSql } from '../../../../electron/core/source/postgres/where-sql'

function translate(text: string): ReturnType<typeof whereToSql> & { params: unknown[] } {
  const params = new SqlParams()
  return {
    ...whereToSql(parseExpression(text), findTableOf(emmettLayout).fields, params),
    params: params.values,
  }
}

describe('whereToSql', () => {
  it.each([
    'payload.count == 999999',
    'payload.amount > 100 and not exists(payload.reason)',
    'type != "OrderCancelled" or payload.items[0].sku == "A-1"',
    'startsWith(payload.name, "An")',
    'contains(payload.tags, 3)',
    'version >= 10',
  ])('given %s, when translated, then the server filters exactly', (text) => {
    expect(translate(text).exact).toBe(true)
  })

  it.each([
    'lower(payload.name) == "ann"',
    'payload.a == payload.b',
    'contains(payload.name, "ä")',
    'payload.name < "\uffff"',
  ])('given %s, when translated, then eventscope finishes the test (maybe, not surely)', (text) => {
    const result = translate(text)
    expect(result.exact).toBe(false)
    expect(result.maybe).not.toBe(result.surely)
  })

  it('given a chain of one connective, when translated, then it is one flat list of its operands', () => {
    const result = translate('type == "A" or type == "B" or lower(payload.name) == "ann"')
    expect(result.exact).toBe(false)
    expect(result.maybe.split(') OR (')).toHaveLength(3)
    expect(translate('type == "A" and version > 2 and payload.n == 3').exact).toBe(true)
  })

  it('given an untranslatable part under not, when translated, then the server keeps every row for it', () => {
    const result = translate('not (lower(payload.name) == "ann")')
    expect(result.maybe).toBe('NOT (FALSE)')
    expect(result.params).toEqual([])
  })

  it('given quotes and SQL in the text, when translated, then they travel only as parameters', () => {
    const text = `payload["x'); DROP TABLE emt_messages; --"] == "'; DELETE FROM emt_streams; --"`
    const result = translate(text)
    expect(result.maybe).not.toContain('DROP')
    expect(result.maybe).not.toContain('DELETE')
    expect(result.params).toEqual(["x'); DROP TABLE emt_messages; --", `"'; DELETE FROM emt_streams; --"`])
  })

  it('given literals PostgreSQL cannot hold, when translated, then they are left to eventscope', () => {
    expect(translate('payload.s == "\\u0000"').exact).toBe(false)
    expect(translate('payload.s == "\\ud800"').exact).toBe(false)
    expect(translate('payload.n == 1e999999').exact).toBe(false)
  })
})
