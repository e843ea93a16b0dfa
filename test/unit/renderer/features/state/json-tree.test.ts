import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { Change, ExactIntegers, Json } from '../../../../../shared/contract'
import { indexChanges } from '../../../../../renderer/src/lib/change-index'
import { ChangesList } from '../../../../../renderer/src/features/state/changes-list'
import { previewExact, shareExact } from '../../../../../renderer/src/lib/exact-numbers'
import { JsonTree } from '../../../../../renderer/src/features/state/json-tree'

// As main sends them: the nearest double in the value, the digits by JSON Pointer beside it.
const state: Json = {
  account: { id: Number('12345678901234567890') },
  ids: [1, Number('-98765432109876543210')],
  small: 42,
  alien: Number('9007199254740993'),
}
const exact: ExactIntegers = { '/account/id': '12345678901234567890', '/ids/1': '-98765432109876543210' }

function tree(value: Json, digits: ExactIntegers | null, changes: Change[] = []): string {
  return renderToStaticMarkup(
    createElement(JsonTree, { value, exact: digits, changes: indexChanges(changes) }),
  )
}

describe('JsonTree with integers beyond 2^53', () => {
  it('given exact digits from main, when rendered, then each shows every digit as a number, with a tooltip saying so', () => {
    const html = tree(state, exact)
    expect(html).toContain('12345678901234567890</span>')
    expect(html).toContain('-98765432109876543210</span>')
    expect(html).toMatch(
      /class="json-number exact" title="Kept exactly as written[^"]*">12345678901234567890</,
    )
    expect(html).not.toContain('12345678901234567000')
    expect(html).toContain('<span class="json-number">42</span>')
  })

  it('given a number beyond 2^53 without digits, when rendered, then it is marked as rounded, never shown as if exact', () => {
    const html = tree(state, exact)
    expect(html).toMatch(
      /class="json-number rounded" title="Beyond 2\^53: only the nearest double[^"]*">≈9007199254740992</,
    )
    expect(tree(state, null)).toContain('≈12345678901234567000')
  })

  it('given a change between two ids that round alike, when listed, then both sides show their own digits', () => {
    const change: Change = {
      path: ['account', 'id'],
      kind: 'changed',
      before: Number('12345678901234567890'),
      after: Number('12345678901234567891'),
      exactBefore: { '': '12345678901234567890' },
      exactAfter: { '': '12345678901234567891' },
    }
    const list = renderToStaticMarkup(createElement(ChangesList, { changes: [change] }))
    expect(list).toContain('12345678901234567890</span>')
    expect(list).toContain('12345678901234567891</span>')
    const html = tree(state, { ...exact, '/account/id': '12345678901234567891' }, [change])
    expect(html).toContain('>12345678901234567891</span>')
    expect(html).toContain('class="json-before">12345678901234567890</span>')
  })
})

describe('previewExact', () => {
  it('given nested big integers, when previewed, then digits come from the map and the rest is one line of JSON', () => {
    expect(previewExact(state, exact, 200)).toBe(
      '{"account":{"id":12345678901234567890},"ids":[1,-98765432109876543210],"small":42,"alien":≈9007199254740992}',
    )
    expect(previewExact({ s: 'x'.repeat(50) }, undefined, 10)).toBe('{"s":"xxx…')
    expect(previewExact(undefined, undefined)).toBe('∅')
  })

  it('given the same digits again, when shared, then the earlier map is kept; other digits give the new one', () => {
    const again = { ...exact }
    expect(shareExact(exact, again)).toBe(exact)
    const other = { ...exact, '/ids/1': '-98765432109876543211' }
    expect(shareExact(exact, other)).toBe(other)
    expect(shareExact(exact, undefined)).toBeNull()
  })
})
