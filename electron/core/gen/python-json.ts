// Python's `json.dumps` reproduced byte for byte, so generated files look like the ones the seed's
// `EventStore` writes: `index.json` via `json.dump(index, f, indent=2)` and event lines via `json.dumps`.
//
// Python differs from `JSON.stringify` in the separators (", " and ": " inline; "," at line ends when
// indenting), in escaping every non-ASCII character by default (`ensure_ascii=True`, including DEL),
// and in how floats print (`1e-05`, `1e+16`, `2.0`).

import { isNumberLiteral, type NumberLiteral } from '../json/json-value'
import { givenOrder } from '../json/key-order'

export type PythonJsonValue =
  | null
  | boolean
  | number
  /** An integer beyond 2^53 as parseExact reads it: written as its digits, as Python writes an int. */
  | bigint
  /** A number literal kept as written (`1.0`, `1E5`, `-0.0`; big-integers.ts): written as it is. */
  | NumberLiteral
  | string
  | readonly PythonJsonValue[]
  | { readonly [key: string]: PythonJsonValue | undefined }
  | ReadonlyMap<string, PythonJsonValue>

export interface PythonJsonOptions {
  /** Spaces per level, as `indent=` in Python; null writes everything on one line. */
  readonly indent?: number | null
  /** Python's default is true: every character outside printable ASCII becomes `\uXXXX`. */
  readonly ensureAscii?: boolean
}

/** Serialize a value exactly as Python's `json.dumps(value, indent=..., ensure_ascii=...)` would. */
export function pythonJsonDumps(value: PythonJsonValue, options: PythonJsonOptions = {}): string {
  const indent = options.indent ?? null
  const quote = (options.ensureAscii ?? true) ? quoteAscii : quoteUtf8
  return encode(value, indent, quote, 0)
}

type Quote = (text: string) => string

function encode(value: PythonJsonValue, indent: number | null, quote: Quote, depth: number): string {
  if (value === null) return 'null'
  if (value === true) return 'true'
  if (value === false) return 'false'
  if (typeof value === 'number') return pythonNumber(value)
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'string') return quote(value)
  if (isNumberLiteral(value)) return value.valueOf()
  // One-line output is the per-event hot path (a million calls in a benchmark store): plain string
  // concatenation with for..in, no intermediate arrays.
  const inline = indent === null
  const separator = inline ? ', ' : ',\n' + ' '.repeat(indent * (depth + 1))
  let out = ''
  let first = true
  if (Array.isArray(value)) {
    for (const item of value as readonly PythonJsonValue[]) {
      out += (first ? '' : separator) + encode(item, indent, quote, depth + 1)
      first = false
    }
    return wrap('[', out, ']', first, indent, depth)
  }
  if (value instanceof Map) {
    // A Map keeps insertion order even for keys like "42", which a plain object would move first.
    for (const [key, item] of value as ReadonlyMap<string, PythonJsonValue>) {
      out += (first ? '' : separator) + quote(key) + ': ' + encode(item, indent, quote, depth + 1)
      first = false
    }
    return wrap('{', out, '}', first, indent, depth)
  }
  const record = value as { readonly [key: string]: PythonJsonValue | undefined }
  // An order the user gave (key-order.ts) wins over JavaScript's, which moves "2" before "b".
  const given = givenOrder(record)
  if (given) {
    for (const key of given) {
      const item = record[key]
      if (item === undefined) continue
      out += (first ? '' : separator) + quote(key) + ': ' + encode(item, indent, quote, depth + 1)
      first = false
    }
    return wrap('{', out, '}', first, indent, depth)
  }
  for (const key in record) {
    const item = record[key]
    // Python has no `undefined`; dropping it is what JSON.stringify does too.
    if (item === undefined) continue
    out += (first ? '' : separator) + quote(key) + ': ' + encode(item, indent, quote, depth + 1)
    first = false
  }
  return wrap('{', out, '}', first, indent, depth)
}

function wrap(
  open: string,
  body: string,
  close: string,
  empty: boolean,
  indent: number | null,
  depth: number,
): string {
  if (empty) return open + close
  if (indent === null) return open + body + close
  return open + '\n' + ' '.repeat(indent * (depth + 1)) + body + '\n' + ' '.repeat(indent * depth) + close
}

/** Format a number as Python would: ints as digits, floats by `repr` (shortest round-trip digits). */
export function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'Infinity'
  if (value === -Infinity) return '-Infinity'
  if (Object.is(value, -0)) return '-0.0'
  // JavaScript cannot tell 2 from 2.0; treat integral values as Python ints while they print as digits.
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value)
  // In this range both languages print the same shortest digits in fixed notation.
  if (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e16) return String(value)
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e')
  const exponent = Number(exponentText)
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace('-', '').replace('.', '')
  const sign = negative ? '-' : ''
  // float_repr_style 'short': fixed notation for 1e-4 <= |x| < 1e16, scientific otherwise.
  if (exponent < -4 || exponent >= 16) {
    const expSign = exponent < 0 ? '-' : '+'
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : ''
    return `${sign}${digits[0] ?? '0'}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
  const fraction = digits.slice(exponent + 1)
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`
}

const shortEscapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
}

// Python's ESCAPE_ASCII: anything that is not printable ASCII (space to tilde), plus quote and backslash.
const asciiUnsafe = /[^ -~]|["\\]/g

function quoteAscii(text: string): string {
  return `"${text.replace(asciiUnsafe, escapeChar)}"`
}

function escapeChar(char: string): string {
  return shortEscapes[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
}

function quoteUtf8(text: string): string {
  // Most strings need no escaping, and JSON.stringify is slow on short strings, so check first; this
  // runs once per field of a million events. JSON.stringify escapes exactly Python's ESCAPE set.
  return needsEscape.test(text) ? JSON.stringify(text) : `"${text}"`
}

// Controls, quote and backslash (Python's ESCAPE), plus surrogates so lone ones reach JSON.stringify.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/
