import { describe, expect, it } from 'vitest'
import { prefixSuggestion, unknownAggregateMessage } from '../../../electron/cli/format/id-suggestions'

describe('unknownAggregateMessage', () => {
  it('given an id that starts no other, when named, then there is no suggestion', () => {
    expect(unknownAggregateMessage('nobody', ['a', 'b'])).toBe('no aggregate nobody in this store')
  })

  it('given a prefix of one id, when named, then that id is offered', () => {
    expect(unknownAggregateMessage('3f2a', ['3f2a-91c0', 'b'])).toBe(
      'no aggregate 3f2a in this store; the id starting with "3f2a": 3f2a-91c0',
    )
  })

  it('given a prefix of many ids, when named, then a few are listed in order and the rest counted', () => {
    const ids = Array.from({ length: 17 }, (_, i) => `order-${String(i).padStart(2, '0')}`)
    expect(unknownAggregateMessage('order', ids)).toBe(
      'no aggregate order in this store; ids starting with "order": order-00, order-01, order-02, order-03, order-04 and 12 more',
    )
  })

  it('given 200,000 ids, when a prefix is looked up, then it answers without spreading them anywhere', () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `agg-${199_999 - i}`)
    expect(prefixSuggestion('agg-1999', ids)).toBe(
      '; ids starting with "agg-1999": agg-19990, agg-199900, agg-199901, agg-199902, agg-199903 and 105 more',
    )
  })

  it('given an empty id, when looked up, then nothing is suggested', () => {
    expect(prefixSuggestion('', ['a'])).toBe('')
  })
})
