import { describe, expect, it } from 'vitest'
import { treeKeyAction, type TreeItemFacts } from '../../../../../renderer/src/features/state/tree-keys'

// The visible items of { a: { x, y }, b: [..] (closed), c }: root, a (open), a.x, a.y, b (closed), c.
const items: TreeItemFacts[] = [
  { key: 'root', parent: null, expandable: true, expanded: true },
  { key: 'a', parent: 'root', expandable: true, expanded: true },
  { key: 'a.x', parent: 'a', expandable: false, expanded: false },
  { key: 'a.y', parent: 'a', expandable: false, expanded: false },
  { key: 'b', parent: 'root', expandable: true, expanded: false },
  { key: 'c', parent: 'root', expandable: false, expanded: false },
]
const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
})

describe('the state tree keyboard (WAI-ARIA tree pattern)', () => {
  it('given a focused item, when Down/Up/Home/End, then the focus moves through the visible items and stops at the ends', () => {
    expect(treeKeyAction(press('ArrowDown'), items, 'a.y')).toEqual({ kind: 'focus', key: 'b' })
    expect(treeKeyAction(press('ArrowUp'), items, 'b')).toEqual({ kind: 'focus', key: 'a.y' })
    expect(treeKeyAction(press('ArrowDown'), items, 'c')).toEqual({ kind: 'focus', key: 'c' })
    expect(treeKeyAction(press('ArrowUp'), items, 'root')).toEqual({ kind: 'focus', key: 'root' })
    expect(treeKeyAction(press('Home'), items, 'a.y')).toEqual({ kind: 'focus', key: 'root' })
    expect(treeKeyAction(press('End'), items, 'a')).toEqual({ kind: 'focus', key: 'c' })
  })

  it('given a closed container, when Right, then it opens; open, then the focus goes to its first child; on a leaf nothing moves', () => {
    expect(treeKeyAction(press('ArrowRight'), items, 'b')).toEqual({ kind: 'toggle', key: 'b', open: true })
    expect(treeKeyAction(press('ArrowRight'), items, 'a')).toEqual({ kind: 'focus', key: 'a.x' })
    expect(treeKeyAction(press('ArrowRight'), items, 'c')).toEqual({ kind: 'focus', key: 'c' })
  })

  it('given an open container, when Left, then it closes; on a child or a closed one, then the focus goes to the parent', () => {
    expect(treeKeyAction(press('ArrowLeft'), items, 'a')).toEqual({ kind: 'toggle', key: 'a', open: false })
    expect(treeKeyAction(press('ArrowLeft'), items, 'a.y')).toEqual({ kind: 'focus', key: 'a' })
    expect(treeKeyAction(press('ArrowLeft'), items, 'b')).toEqual({ kind: 'focus', key: 'root' })
    expect(treeKeyAction(press('ArrowLeft'), items, 'root')).toEqual({
      kind: 'toggle',
      key: 'root',
      open: false,
    })
  })

  it('given an item, when *, Enter or Ctrl+C, then its closed siblings open, it is activated, its value is copied', () => {
    expect(treeKeyAction(press('*'), items, 'c')).toEqual({ kind: 'openAll', keys: ['b'] })
    expect(treeKeyAction(press('Enter'), items, 'b')).toEqual({ kind: 'activate', key: 'b' })
    expect(treeKeyAction(press('c', { ctrlKey: true }), items, 'a.x')).toEqual({ kind: 'copy', key: 'a.x' })
    expect(treeKeyAction(press('C', { metaKey: true }), items, 'a.x')).toEqual({ kind: 'copy', key: 'a.x' })
  })

  it('given keys the tree does not own, when pressed, then it leaves them alone (the window shortcuts keep working)', () => {
    expect(treeKeyAction(press('g'), items, 'a')).toBeNull()
    expect(treeKeyAction(press('.'), items, 'a')).toBeNull()
    expect(treeKeyAction(press('ArrowDown', { altKey: true }), items, 'a')).toBeNull()
    expect(treeKeyAction(press('v', { ctrlKey: true }), items, 'a')).toBeNull()
    expect(treeKeyAction(press('ArrowDown'), items, 'gone')).toBeNull()
  })
})
