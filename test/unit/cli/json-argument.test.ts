import { describe, expect, it } from 'vitest'
import { jsonErrorPosition, parseJsonArgument } from '../../../electron/cli/json-argument'
import { CliError } from '../../../electron/cli/cli-error'

const failure = (text: string): CliError => {
  try {
    parseJsonArgument('--data', text)
  } catch (error) {
    if (error instanceof CliError) return error
    throw error
  }
  throw new Error(`expected ${text} to be refused`)
}

describe('parseJsonArgument', () => {
  it('given valid JSON, when parsed, then the value comes back', () => {
    expect(parseJsonArgument('--data', '{"a": [1, "ü"]}')).toEqual({ a: [1, 'ü'] })
  })

  it.each([
    ['{"a": x}', "Unexpected token 'x' at position 6"],
    ['{"a": 1', "Expected ',' or '}' after property value at position 7"],
    ['', 'Unexpected end of JSON input at position 0'],
    ['{"a": tru}', "Unexpected token '}' at position 9"],
    ['[1, 2] 3', 'Unexpected non-whitespace character after JSON at position 7'],
  ])('given %j, when parsed, then it is a usage error saying where: %s', (text, reason) => {
    const error = failure(text)
    expect(error.exitCode).toBe(2)
    expect(error.message).toBe(`--data is not valid JSON: ${reason}`)
  })
})

describe('jsonErrorPosition', () => {
  it.each([
    ['{"a": x}', 6],
    ['[1, 2,]', 6],
    ['{"a" 1}', 5],
    ['"abc', 4],
    ['"a\\qb"', 3],
    ['-', 1],
    ['{"a": [1, {"b": nul}]}', 19],
  ])('given %j, when scanned, then the first bad character is at %i', (text, position) => {
    expect(jsonErrorPosition(text)).toBe(position)
  })
})
