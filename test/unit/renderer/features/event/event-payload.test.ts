// The Event pane's payload view shows every number as the line has it, from the literals main sends.

import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { EventPayload } from '../../../../../renderer/src/features/event/event-payload'

describe('EventPayload', () => {
  it('given literals beside the payload and metadata, when rendered, then each shows as written, not as its double', () => {
    const event = {
      payload: { neg: 0, one: 1, big: 100000, huge: null, n: { dec: 0.1, id: 9007199254740992 }, plain: 2 },
      metadata: { x: 1.5 },
      exact: {
        '/neg': '-0.0',
        '/one': '1.0',
        '/big': '1E5',
        '/huge': '1e400',
        '/n/dec': '0.10',
        '/n/id': '9007199254740993',
      },
      exactMetadata: { '/x': '1.50' },
    }
    const html = renderToStaticMarkup(createElement(EventPayload, { event }))
    for (const literal of ['-0.0', '1.0', '1E5', '1e400', '0.10', '9007199254740993', '1.50', '>2<'])
      expect(html).toContain(literal.startsWith('>') ? literal : `${literal}</span>`)
    expect(html).not.toContain('9007199254740992')
  })
})
