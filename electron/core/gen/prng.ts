// A tiny seeded PRNG so a generated store is the same bytes for the same seed on every machine.
//
// mulberry32: 32 bits of state, one multiply-xorshift round per draw. Not cryptographic, and it does
// not need to be: it only has to be fast (a million events draw several million numbers) and stable.

export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An unsigned 32-bit integer. */
  uint32(): number
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T
  /** True with the given probability. */
  chance(probability: number): boolean
}

/** Create a seeded generator; the same seed always yields the same sequence. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const next = (): number => uint32() / 4294967296
  return {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() needs a non-empty list')
      return items[Math.floor(next() * items.length)] as (typeof items)[number]
    },
    chance: (probability) => next() < probability,
  }
}

/** Turn any string (a CLI `--seed` value) into a 32-bit seed. */
export function seedFromString(text: string): number {
  if (/^\d{1,9}$/.test(text)) return Number(text)
  // FNV-1a: stable, and numeric strings still hash, so "--seed 42" and "--seed answer" both work.
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

function hex32(word: number): string {
  return (
    (hex[word >>> 24] as string) +
    (hex[(word >>> 16) & 0xff] as string) +
    (hex[(word >>> 8) & 0xff] as string) +
    (hex[word & 0xff] as string)
  )
}

/** A random UUID v4 string drawn from the seeded generator (so ids are reproducible too). */
export function uuid4(random: Random): string {
  const a = hex32(random.uint32())
  // Version nibble 4 in the third group, variant bits 10 in the fourth.
  const b = hex32(((random.uint32() & 0xffff0fff) | 0x00004000) >>> 0)
  const c = hex32(((random.uint32() & 0x3fffffff) | 0x80000000) >>> 0)
  const d = hex32(random.uint32())
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`
}
