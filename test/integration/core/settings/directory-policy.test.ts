import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isInside, outsideRootsReason } from '../../../../electron/core/settings/directory-policy'

let base: string
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eventscope-policy-'))
  await mkdir(join(base, 'events', 'nested'), { recursive: true })
  await mkdir(join(base, 'events-evil'))
  await symlink(join(base, 'events-evil'), join(base, 'events', 'link-out'))
})
afterEach(async () => {
  await rm(base, { recursive: true, force: true })
})

describe('isInside', () => {
  it.each([
    ['/a/b', '/a/b', true],
    ['/a/b', '/a/b/c', true],
    ['/a/b', '/a/b-evil', false],
    ['/a/b', '/a', false],
    ['/a/b', '/a/b/../c', false],
  ])('given parent %s and child %s, then inside is %s', (parent, child, inside) => {
    expect(isInside(parent, join(child))).toBe(inside)
  })
})

describe('outsideRootsReason', () => {
  it('given a directory under the root, when checked, then it may be opened', async () => {
    expect(await outsideRootsReason(join(base, 'events', 'nested'), [join(base, 'events')])).toBeNull()
  })

  it('given a sibling whose name starts like the root, when checked, then it is refused', async () => {
    expect(await outsideRootsReason(join(base, 'events-evil'), [join(base, 'events')])).toMatch(
      /only directories under/,
    )
  })

  it('given a link inside the root that points outside, when checked, then it is refused by where it really is', async () => {
    expect(await outsideRootsReason(join(base, 'events', 'link-out'), [join(base, 'events')])).toMatch(
      /only directories under/,
    )
  })

  it('given a path climbing out with .., when checked, then it is refused', async () => {
    expect(
      await outsideRootsReason(join(base, 'events', '..', 'events-evil'), [join(base, 'events')]),
    ).not.toBeNull()
  })
})
