// Invariants: expressions that must hold at every version of every aggregate of their types, given on
// the command line or the check.run channel, or kept in the store's `.eventscope/invariants.json`:
//
//   {"invariants": [{"name": "balance never negative", "type": "Account", "expression": "state.balance >= 0"}]}
//
// The file holds expressions, not code, so reading it needs no trust; the store reducers the states are
// rebuilt with are code, and run only in a trusted directory (store-reducers.ts).

import { join } from 'node:path'
import { StoreError } from '../errors'
import { codeFolder } from '../reducers/code-files'
import { ExpressionError } from '../search/expression-error'
import { parseExpression, type Expression } from '../search/expression'
import { readRegularFile } from '../store/regular-file'

/** An invariant as written: `types` empty for every aggregate type. */
export interface InvariantSpec {
  readonly name: string
  readonly expression: string
  readonly types: readonly string[]
}

export interface Invariant extends InvariantSpec {
  readonly parsed: Expression
}

/** Largest invariants file read: a list of expressions. */
const maxFileBytes = 1024 * 1024

/** Where a store keeps its invariants. */
export function invariantsPath(storeDir: string): string {
  return join(storeDir, codeFolder, 'invariants.json')
}

/** Parse an invariant; throws ExpressionError naming the invariant and the column. */
export function compileInvariant(spec: InvariantSpec): Invariant {
  try {
    return { ...spec, parsed: parseExpression(spec.expression) }
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error
    if (spec.name === spec.expression) throw error
    throw new ExpressionError(`Invariant ${JSON.stringify(spec.name)}: ${error.reason}`, error.column)
  }
}

/** Whether an invariant applies to aggregates of this type. */
export function appliesTo(invariant: InvariantSpec, aggregateType: string | null): boolean {
  return invariant.types.length === 0 || (aggregateType !== null && invariant.types.includes(aggregateType))
}

/**
 * The store's invariants file, or null when it has none. Throws StoreError('invalid_input') naming what
 * is wrong with a file that is there but unusable, so a typo never passes as "no invariants".
 */
export async function readInvariantsFile(storeDir: string): Promise<InvariantSpec[] | null> {
  const file = invariantsPath(storeDir)
  const read = await readRegularFile(file, maxFileBytes).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw new StoreError('invalid_input', `Cannot read ${file} (${error.code ?? error.message})`)
  })
  if (read === null) return null
  let value: unknown
  try {
    value = JSON.parse(read.bytes.toString('utf8'))
  } catch (error) {
    throw new StoreError('invalid_input', `${file} is not JSON: ${(error as Error).message}`)
  }
  return invariantSpecs(value, file)
}

/** The invariants of a parsed invariants file; throws StoreError('invalid_input') naming the entry. */
export function invariantSpecs(value: unknown, file: string): InvariantSpec[] {
  const list = isRecord(value) ? value.invariants : undefined
  if (!Array.isArray(list))
    throw new StoreError('invalid_input', `${file} must be {"invariants": [{"expression": "…"}, …]}`)
  return list.map((entry: unknown, at) => {
    const where = `${file}: invariants[${at}]`
    if (!isRecord(entry) || typeof entry.expression !== 'string' || entry.expression.trim() === '')
      throw new StoreError('invalid_input', `${where} needs an "expression" text`)
    const { name, type } = entry
    if (name !== undefined && typeof name !== 'string')
      throw new StoreError('invalid_input', `${where}: "name" must be a text`)
    const types = type === undefined ? [] : Array.isArray(type) ? type : [type]
    if (!types.every((item): item is string => typeof item === 'string' && item !== ''))
      throw new StoreError('invalid_input', `${where}: "type" must be an aggregate type or a list of them`)
    return { name: name ?? entry.expression, expression: entry.expression, types }
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
