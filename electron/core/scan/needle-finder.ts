// Finds whether a line holds a needle without decoding the line: one search per chunk of the file,
// moving forward, instead of one per line.
//
// A line whose bytes lack the needle cannot match the filter it came from, so it is never decoded or
// parsed. That is what makes a store-wide search faster than parsing every line.

/** A byte needle (exact), or a case-insensitive ASCII needle searched over the chunk as latin1 text. */
export type Needle = { readonly bytes: Buffer } | { readonly caseless: RegExp; readonly length: number }

/** A needle for exact bytes. */
export function exactNeedle(text: string): Needle {
  return { bytes: Buffer.from(text, 'utf8') }
}

/** A case-insensitive needle for ASCII text, or null when the text is not ASCII (the caller decodes). */
export function caselessNeedle(text: string): Needle | null {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]+$/.test(text)) return null
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return { caseless: new RegExp(escaped, 'gi'), length: text.length }
}

export class NeedleFinder {
  private buffer: Buffer | null = null
  private latin1: string | null = null
  /** Position of the next hit at or after `searchedFrom`, -1 when the buffer has no more. */
  private hit = -1
  private searchedFrom = Number.POSITIVE_INFINITY

  constructor(private readonly needle: Needle) {}

  /** Forget the buffer: its bytes are about to be replaced (the reader reuses one buffer). */
  reset(): void {
    this.buffer = null
    this.latin1 = null
    this.searchedFrom = Number.POSITIVE_INFINITY
  }

  /**
   * Whether the needle lies within bytes [start, end) of `buffer`.
   *
   * Amortized O(buffer) over all lines of one buffer when asked in increasing `start` order.
   */
  within(buffer: Buffer, start: number, end: number): boolean {
    const hit = this.nextAt(buffer, start)
    return hit !== -1 && hit + this.length() <= end
  }

  /**
   * Where the needle next occurs in `buffer` at or after `start`, -1 when it does not: a line ending
   * before that holds no match, whatever its bytes. Amortized as `within`.
   */
  nextAt(buffer: Buffer, start: number): number {
    if (buffer !== this.buffer || start < this.searchedFrom) {
      this.buffer = buffer
      this.latin1 = null
      this.searchedFrom = start
      this.hit = this.find(buffer, start)
    } else if (this.hit !== -1 && this.hit < start) {
      this.searchedFrom = start
      this.hit = this.find(buffer, start)
    }
    return this.hit
  }

  private length(): number {
    return 'bytes' in this.needle ? this.needle.bytes.length : this.needle.length
  }

  private find(buffer: Buffer, from: number): number {
    if ('bytes' in this.needle) return buffer.indexOf(this.needle.bytes, from)
    this.latin1 ??= buffer.toString('latin1')
    const pattern = this.needle.caseless
    pattern.lastIndex = from
    const match = pattern.exec(this.latin1)
    return match ? match.index : -1
  }
}
