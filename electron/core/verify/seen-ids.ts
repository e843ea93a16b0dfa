// The event ids a verification has seen, for duplicates across the whole store: a 10-million-event
// store must not hold 10 million id strings (about 1.5 GB with their locations as text).
//
// Each id is kept as a 64-bit fingerprint with where it was first seen (stream number and line) in an
// open-addressing table of typed arrays: 16 bytes per slot, at most 0.7 full, so 16 to 23 bytes per
// event and no per-id object. Two different ids share a fingerprint with probability about
// n^2 / 2^65 (3 in a million for 10 million ids); such a pair would be reported as a duplicate.

const maxLoad = 0.7
const minSlots = 1 << 12

export class SeenIds {
  private fingerprintHigh: Uint32Array
  private fingerprintLow: Uint32Array
  /** Stream number + 1 (0: empty slot). */
  private stream: Uint32Array
  private line: Uint32Array
  private size = 0
  private readonly streams: string[] = []

  /** `expected`: about how many ids will be added (index.json's total), so the table is sized once. */
  constructor(expected = 0) {
    let slots = minSlots
    while (slots * maxLoad < expected) slots *= 2
    this.fingerprintHigh = new Uint32Array(slots)
    this.fingerprintLow = new Uint32Array(slots)
    this.stream = new Uint32Array(slots)
    this.line = new Uint32Array(slots)
  }

  /** Number the next stream's ids are recorded under; call once per stream before its ids. */
  startStream(aggregateId: string): void {
    this.streams.push(aggregateId)
  }

  /**
   * Record `id` as seen at `line` of the current stream; where it was seen first (`<aggregate> line
   * <n>`) when it was seen before. O(id length) plus an expected O(1) probe.
   */
  remember(id: string, line: number): string | undefined {
    if (this.streams.length === 0) throw new Error('SeenIds.startStream must come first')
    let high = 0x811c9dc5
    let low = 0x9747b28c
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i)
      high = Math.imul(high ^ code, 0x01000193)
      low = Math.imul(low ^ code, 0x5bd1e995)
      low ^= low >>> 15
    }
    high = mix(high ^ id.length) >>> 0
    low = mix(low) >>> 0
    const mask = this.stream.length - 1
    for (let slot = high & mask; ; slot = (slot + 1) & mask) {
      const stream = this.stream[slot] as number
      if (stream === 0) {
        this.fingerprintHigh[slot] = high
        this.fingerprintLow[slot] = low
        this.stream[slot] = this.streams.length
        this.line[slot] = line
        if (++this.size > this.stream.length * maxLoad) this.grow()
        return undefined
      }
      if (this.fingerprintHigh[slot] === high && this.fingerprintLow[slot] === low)
        return `${this.streams[stream - 1] as string} line ${this.line[slot] as number}`
    }
  }

  private grow(): void {
    const { fingerprintHigh, fingerprintLow, stream, line } = this
    const slots = stream.length * 2
    this.fingerprintHigh = new Uint32Array(slots)
    this.fingerprintLow = new Uint32Array(slots)
    this.stream = new Uint32Array(slots)
    this.line = new Uint32Array(slots)
    const mask = slots - 1
    for (let old = 0; old < stream.length; old++) {
      if (stream[old] === 0) continue
      let slot = (fingerprintHigh[old] as number) & mask
      while (this.stream[slot] !== 0) slot = (slot + 1) & mask
      this.fingerprintHigh[slot] = fingerprintHigh[old] as number
      this.fingerprintLow[slot] = fingerprintLow[old] as number
      this.stream[slot] = stream[old] as number
      this.line[slot] = line[old] as number
    }
  }
}

// murmur3's finalizer: every input bit affects every output bit.
function mix(hash: number): number {
  let h = hash
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
