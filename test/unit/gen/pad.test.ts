import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { helpText } from '../../../electron/cli/help-text'
import { parseCommandLine } from '../../../electron/cli/parse-command-line'
import { fillerText } from '../../../electron/core/gen/filler'
import { generateStore } from '../../../electron/core/gen/generate-store'
import { createRandom } from '../../../electron/core/gen/prng'

const roots: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'eventscope-gen-pad-'))
  roots.push(dir)
  return dir
}
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const storeFiles = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  )

const eventsOf = (dir: string): Record<string, unknown>[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.events.jsonl'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').slice(0, -1))
    .map((line) => JSON.parse(line) as Record<string, unknown>)

describe('fillerText', () => {
  it('given an average of 300, when drawn 20,000 times, then lengths span 0..600 and average about 300', () => {
    const random = createRandom(5)
    const lengths = Array.from({ length: 20_000 }, () => fillerText(random, 300).length)
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...lengths)).toBeLessThanOrEqual(600)
    const mean = lengths.reduce((sum, length) => sum + length, 0) / lengths.length
    expect(mean).toBeGreaterThan(295)
    expect(mean).toBeLessThan(305)
  })

  it('given an average longer than the source text, when drawn, then the text wraps and keeps its length', () => {
    const random = createRandom(9)
    for (let n = 0; n < 50; n++) {
      const text = fillerText(random, 20_000)
      expect(text).toMatch(/^[a-z ]*$/)
      expect(Buffer.byteLength(text)).toBe(text.length)
    }
  })
})

describe('generateStore with pad', () => {
  it('given pad 0, when generated, then the bytes are those of a store generated without the option', async () => {
    const [a, b] = [tempDir(), tempDir()]
    await generateStore({ dir: a, aggregates: 10, events: 300, seed: 4 })
    await generateStore({ dir: b, aggregates: 10, events: 300, seed: 4, pad: 0 })
    expect(storeFiles(b)).toEqual(storeFiles(a))
  })

  it('given pad 400 twice with one seed, when generated, then both stores are byte-identical', async () => {
    const [a, b] = [tempDir(), tempDir()]
    await generateStore({ dir: a, aggregates: 10, events: 300, seed: 4, pad: 400 })
    await generateStore({ dir: b, aggregates: 10, events: 300, seed: 4, pad: 400 })
    expect(storeFiles(b)).toEqual(storeFiles(a))
  })

  it('given pad 400, when generated, then every event has a filler and events grow by about 400 bytes', async () => {
    const [plain, padded] = [tempDir(), tempDir()]
    const small = await generateStore({ dir: plain, aggregates: 20, events: 4000, seed: 6 })
    const big = await generateStore({ dir: padded, aggregates: 20, events: 4000, seed: 6, pad: 400 })
    const events = eventsOf(padded)
    expect(events).toHaveLength(4000)
    for (const event of events) expect(typeof event.filler).toBe('string')
    // The filler field costs its text plus `, "filler": ""` (14 bytes).
    const growth = (big.bytes - small.bytes) / 4000
    expect(growth).toBeGreaterThan(400)
    expect(growth).toBeLessThan(430)
    expect(eventsOf(plain).some((event) => 'filler' in event)).toBe(false)
  })

  it('given a negative pad, when generated, then it refuses', async () => {
    await expect(generateStore({ dir: tempDir(), aggregates: 1, events: 1, pad: -1 })).rejects.toThrow(
      /pad must be a non-negative integer/,
    )
  })
})

describe('eventscope gen --pad', () => {
  it('given --pad 260, when parsed, then the command carries it', () => {
    expect(parseCommandLine(['gen', 'out', '--pad', '260']).args).toMatchObject({ kind: 'gen', pad: 260 })
  })

  it('given --pad with a non-integer, when parsed, then it is a usage error', () => {
    expect(() => parseCommandLine(['gen', 'out', '--pad', 'big'])).toThrow(/--pad/)
  })

  it('given the help of gen, when shown, then it documents --pad in the usage line and the options', () => {
    const text = helpText('gen')
    expect(text.split('\n')[0]).toContain('[--pad BYTES]')
    expect(text).toMatch(/--pad BYTES +Add a "filler" field/)
  })

  it("given the README's command-line section, when read, then its gen line matches the help overview", () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8')
    const line = 'eventscope gen DIR [--aggregates N] [--events N] [--seed S] [--pad BYTES]'
    expect(readme).toContain(`${line}\n`)
    expect(helpText(null)).toContain(line)
  })
})
