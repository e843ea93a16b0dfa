import { describe, expect, it } from 'vitest'
import { createRandom, seedFromString, uuid4 } from '../../../electron/core/gen/prng'

describe('createRandom', () => {
  it('given the same seed, when drawn from twice, then both sequences are equal', () => {
    const a = createRandom(42)
    const b = createRandom(42)
    expect(Array.from({ length: 5 }, () => a.uint32())).toEqual(Array.from({ length: 5 }, () => b.uint32()))
  })

  it('given different seeds, when drawn from, then the sequences differ', () => {
    expect(createRandom(1).uint32()).not.toBe(createRandom(2).uint32())
  })

  it('given a range, when many integers are drawn, then all fall inside it', () => {
    const random = createRandom(7)
    const draws = Array.from({ length: 1000 }, () => random.int(3, 5))
    expect(new Set(draws)).toEqual(new Set([3, 4, 5]))
  })
})

describe('uuid4', () => {
  it('given a seeded generator, when ids are drawn, then they are version 4, variant 1 UUIDs', () => {
    const random = createRandom(9)
    for (let i = 0; i < 100; i++) {
      expect(uuid4(random)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
  })
})

describe('seedFromString', () => {
  it('given digits, when turned into a seed, then the number itself is used', () => {
    expect(seedFromString('42')).toBe(42)
  })

  it('given words, when turned into a seed, then the same words give the same seed', () => {
    expect(seedFromString('demo')).toBe(seedFromString('demo'))
    expect(seedFromString('demo')).not.toBe(seedFromString('demo2'))
  })
})
