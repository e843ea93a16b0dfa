import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { Json } from '../../../../../shared/contract'
import { JsonTree } from '../../../../../renderer/src/features/state/json-tree'
import {
  createTreeViewStore,
  expandAll,
  revealNode,
  setBase,
  toggleNode,
} from '../../../../../renderer/src/features/state/tree-view-store'
import { indexChanges, pathKey } from '../../../../../renderer/src/lib/change-index'

const state: Json = {
  customer: { address: { city: 'Lyon' } },
  lines: Array.from({ length: 250 }, (_, i) => ({ sku: `sku-${i}` })),
  note: 'n'.repeat(500),
}

// Server rendering reads a store's initial state: render a fresh store that starts where `view` is.
function render(view = createTreeViewStore()): string {
  return renderToStaticMarkup(
    createElement(JsonTree, {
      value: state,
      changes: indexChanges([]),
      view: createTreeViewStore(view.getState()),
      label: 'State',
    }),
  )
}

describe('the state tree as one widget', () => {
  it('given a state, when rendered, then it is one tree of treeitems with levels and exactly one Tab stop', () => {
    const html = render()
    expect(html).toContain('role="tree" aria-label="State"')
    expect(html.match(/tabindex="0"/g)).toHaveLength(1)
    expect(html).toMatch(
      /role="treeitem"[^>]*data-key="\[\]"[^>]*aria-level="1"[^>]*aria-expanded="true"[^>]*tabindex="0"/,
    )
    expect(html).toMatch(
      /data-key="\[&quot;customer&quot;\]"[^>]*aria-level="2"[^>]*aria-posinset="1"[^>]*aria-setsize="3"/,
    )
    // The copy buttons inside rows stay out of the Tab order.
    expect(html).not.toMatch(/<button(?![^>]*tabindex="-1")[^>]*class="copy-button/)
  })

  it('given a list past 200 and a long string, when rendered, then the rest is one "show more" treeitem and the string is cut with its length offered', () => {
    const view = createTreeViewStore()
    toggleNode(view, ['lines'], true)
    const html = render(view)
    expect(html).toMatch(/role="treeitem"[^>]*data-kind="more"[^>]*>show 50 more…/)
    expect(html).toContain(`&quot;${'n'.repeat(160)}…&quot;`)
    expect(html).toContain('aria-label="Show all 500 characters"')
    view.setState({ longOpen: { [pathKey(['note'])]: true } })
    expect(render(view)).toContain(`&quot;${'n'.repeat(500)}&quot;`)
  })

  it('given Expand all then Collapse all, when rendered, then every container opens, then only the root shows, focused', () => {
    const view = createTreeViewStore()
    setBase(view, 'open')
    expect(render(view)).toContain('Lyon')
    view.setState({ focused: pathKey(['customer', 'address']) })
    setBase(view, 'closed')
    const html = render(view)
    expect(html).not.toContain('customer')
    expect(view.getState().focused).toBeNull()
  })

  it('given a focused node inside a container, when the container closes, then the focus moves to it so Tab still reaches the tree', () => {
    const view = createTreeViewStore()
    view.setState({ focused: pathKey(['customer', 'address', 'city']) })
    toggleNode(view, ['customer'], false)
    expect(view.getState().focused).toBe(pathKey(['customer']))
    toggleNode(view, ['lines'], false)
    expect(view.getState().focused).toBe(pathKey(['customer']))
  })

  it('given a match past the first 200 items inside a closed list, when revealed, then its ancestors open, the list shows whole, and it takes the focus', () => {
    const view = createTreeViewStore()
    setBase(view, 'closed')
    revealNode(view, state, ['lines', '230', 'sku'], 200, false)
    const s = view.getState()
    expect(s.toggled).toMatchObject({
      '[]': true,
      [pathKey(['lines'])]: true,
      [pathKey(['lines', '230'])]: true,
    })
    expect(s.showAll).toEqual({ [pathKey(['lines'])]: true })
    expect(s.focused).toBe(pathKey(['lines', '230', 'sku']))
    expect(render(view)).toContain('sku-230')
  })

  it('given a state that fits the budget, when expanded all, then every container opens; one too big opens in document order up to the budget', () => {
    const view = createTreeViewStore()
    expect(expandAll(view, state, 200, 2000)).toBe(true)
    expect(view.getState()).toMatchObject({ base: 'open', toggled: {} })

    const big = {
      a: { x: { y: 1 } },
      b: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, { v: i }])),
    }
    const partial = createTreeViewStore()
    // root 1 + a, b (2) + x (1) + y (1) = 5 rows; b's 50 children would make 55.
    expect(expandAll(partial, big, 200, 20)).toBe(false)
    expect(partial.getState().base).toBe('closed')
    expect(Object.keys(partial.getState().toggled)).toEqual([
      pathKey([]),
      pathKey(['a']),
      pathKey(['a', 'x']),
    ])
    expect(render(partial)).not.toContain('k0')
  })
})
