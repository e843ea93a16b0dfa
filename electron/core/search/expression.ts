// The expression language of search's `--where`, of watches, breakpoints and invariants, parsed by hand
// so every error names its column (the user's guide to it: `eventscope help check`, README "Expressions"):
//
//   payload.email == "x@y" and (payload.amount > 100 or not exists(payload.reason))
//   contains(payload.name, "ann")      type != "OrderCancelled"      payload.items[0].sku == "A-1"
//   state.balance >= 0      changed(state.status)      from(state.status, "open") to(state.status, "paid")
//
// expr := or;  or := and ("or" and)*;  and := unary ("and" unary)*;  unary := "not" unary | comparison
// comparison := operand (("==" | "!=" | "<" | "<=" | ">" | ">=") operand)?
// operand := literal | path | name "(" expr ("," expr)* ")" | "(" expr ")" | from(…) to(…)
// path := root ("." name | "[" (number | string) "]")*   literal := string | number | true | false | null
//
// `state`, `prev` and `changed`/`from`/`to` need the state before and after the event: only a check or a
// stream's breakpoints have them (`needsState`); search refuses them at parse time, naming the column.

import { isUnfaithful } from '../../../shared/number-literals'
import { keptLiteral } from '../json/big-integers'
import type { ExactJson } from '../json/json-value'
import { ExpressionError } from './expression-error'
import { tokenize, type Token } from './tokens'

export { ExpressionError }

export type Expression =
  | { readonly kind: 'literal'; readonly value: ExactJson }
  | {
      readonly kind: 'path'
      readonly root: string
      readonly keys: readonly (string | number)[]
      /** 1-based column of the root, for errors found after parsing (a root search cannot offer). */
      readonly column?: number
    }
  | {
      readonly kind: 'call'
      readonly name: FunctionName
      readonly args: readonly Expression[]
      readonly column?: number
    }
  | { readonly kind: 'not'; readonly operand: Expression }
  /** A chain of one connective, flat: `a and b and c` is one node of three operands (at least two). */
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Expression[] }
  | {
      readonly kind: 'compare'
      readonly op: CompareOp
      readonly left: Expression
      readonly right: Expression
    }

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>='

/**
 * Roots a path may start from: the normalized event's fields, `event` (all of them: `event.type`), and
 * the aggregate's `state` after the event and `prev`, the state before it.
 */
export const pathRoots = [
  'payload',
  'metadata',
  'type',
  'id',
  'occurredAt',
  'version',
  'aggregateId',
  'event',
  'state',
  'prev',
] as const

/** Functions of the language, with the number of arguments each takes. */
export const functionArity = {
  exists: 1,
  contains: 2,
  startsWith: 2,
  lower: 1,
  changed: 1,
  from: 2,
  to: 2,
} as const
export type FunctionName = keyof typeof functionArity

/** Roots and functions that need the states around the event (a check or a stream's breakpoints). */
export const stateRoots: ReadonlySet<string> = new Set(['state', 'prev'])
export const stateFunctions: ReadonlySet<string> = new Set(['changed', 'from', 'to'])

/**
 * How deep an expression may nest (parentheses, `not`, function arguments; a chain of `and` or `or` is
 * one level however long). Parsing, evaluating and deriving needles recurse once per level, so without
 * a bound a typed `((((…` of 100,000 levels overflowed the stack.
 */
export const maxExpressionDepth = 500

/** Parse an expression; throws ExpressionError. O(length of the text). */
export function parseExpression(text: string): Expression {
  const parser = new Parser(tokenize(text))
  const expression = parser.expression()
  parser.expectEnd()
  return expression
}

class Parser {
  private at = 0
  private nesting = 0
  private readonly depths = new WeakMap<Expression, number>()

  constructor(private readonly tokens: readonly Token[]) {}

  expression(): Expression {
    const token = this.peek()
    const operands = [this.conjunction()]
    while (this.takeWord('or') || this.takeSymbol('||')) operands.push(this.conjunction())
    return this.chain('or', operands, token)
  }

  expectEnd(): void {
    const token = this.peek()
    if (token.kind === 'end') return
    if (token.kind === 'symbol' && token.text === ')')
      throw new ExpressionError('Unmatched ")"', token.column)
    throw new ExpressionError(`Expected "and", "or" or the end, found ${describe(token)}`, token.column)
  }

  private conjunction(): Expression {
    const token = this.peek()
    const operands = [this.unary()]
    while (this.takeWord('and') || this.takeSymbol('&&')) operands.push(this.unary())
    return this.chain('and', operands, token)
  }

  // A chain of one connective is one node, however long: a generated `id == "a" or id == "b" or …` of
  // thousands of ids nests no deeper than two of them.
  private chain(kind: 'and' | 'or', operands: Expression[], token: Token): Expression {
    if (operands.length === 1) return operands[0] as Expression
    return this.node({ kind, operands }, token, operands)
  }

  private unary(): Expression {
    const token = this.peek()
    if (this.takeWord('not') || this.takeSymbol('!')) {
      const operand = this.deeper(token, () => this.unary())
      return this.node({ kind: 'not', operand }, token, [operand])
    }
    return this.comparison()
  }

  private comparison(): Expression {
    const left = this.operand()
    const token = this.peek()
    if (token.kind === 'symbol' && isCompareOp(token.text)) {
      this.at++
      const right = this.operand()
      return this.node({ kind: 'compare', op: token.text, left, right }, token, [left, right])
    }
    if (token.kind === 'symbol' && token.text === '=')
      throw new ExpressionError('Use "==" to compare, not "="', token.column)
    return left
  }

  private operand(): Expression {
    const token = this.peek()
    switch (token.kind) {
      case 'string':
        this.at++
        return { kind: 'literal', value: token.value }
      case 'number':
        this.at++
        // Kept as written when a double would not print it back (beyond 2^53, 1.0, 1e400…).
        return { kind: 'literal', value: isUnfaithful(token.text) ? keptLiteral(token.text) : token.value }
      case 'word':
        return this.word(token)
      case 'symbol':
        if (token.text === '(') {
          this.at++
          const inner = this.deeper(token, () => this.expression())
          this.expectSymbol(')', 'a closing ")"')
          return inner
        }
        throw new ExpressionError(`Expected a value, found ${describe(token)}`, token.column)
      case 'end':
        throw new ExpressionError('Expected a value', token.column)
    }
  }

  private word(token: Token & { kind: 'word' }): Expression {
    if (token.text === 'and' || token.text === 'or')
      throw new ExpressionError(`Expected a value, found "${token.text}"`, token.column)
    this.at++
    if (token.text === 'true' || token.text === 'false')
      return { kind: 'literal', value: token.text === 'true' }
    if (token.text === 'null') return { kind: 'literal', value: null }
    if (this.peekSymbol('(')) {
      const call = this.call(token)
      // `from(p, v) to(p, w)`: the transition reads as one phrase; it means `from(p, v) and to(p, w)`.
      const next = this.peek()
      if (token.text !== 'from' || next.kind !== 'word' || next.text !== 'to') return call
      this.at++
      if (!this.peekSymbol('(')) throw new ExpressionError('Expected "to(path, value)"', next.column)
      const right = this.call(next)
      return this.node({ kind: 'and', operands: [call, right] }, next, [call, right])
    }
    if (!(pathRoots as readonly string[]).includes(token.text)) {
      const hint = token.text in functionArity ? `; ${token.text} is a function: ${token.text}(…)` : ''
      throw new ExpressionError(
        `Unknown name "${token.text}": a path starts with ${pathRoots.join(', ')}${hint}`,
        token.column,
      )
    }
    return { kind: 'path', root: token.text, keys: this.pathKeys(), column: token.column }
  }

  private pathKeys(): (string | number)[] {
    const keys: (string | number)[] = []
    for (;;) {
      if (this.takeSymbol('.')) {
        const name = this.peek()
        if (name.kind !== 'word') throw new ExpressionError(`Expected a field name after "."`, name.column)
        this.at++
        keys.push(name.text)
      } else if (this.takeSymbol('[')) {
        const key = this.peek()
        if (key.kind === 'string') keys.push(key.value)
        else if (key.kind === 'number' && Number.isInteger(key.value) && key.value >= 0) keys.push(key.value)
        else throw new ExpressionError('Expected an index or a quoted field name inside "[ ]"', key.column)
        this.at++
        this.expectSymbol(']', 'a closing "]"')
      } else return keys
    }
  }

  private call(token: Token & { kind: 'word' }): Expression {
    if (!(token.text in functionArity)) {
      const known = Object.keys(functionArity).join(', ')
      throw new ExpressionError(`Unknown function "${token.text}" (known: ${known})`, token.column)
    }
    const name = token.text as FunctionName
    this.at++ // "("
    const args: Expression[] = []
    if (!this.peekSymbol(')')) {
      do args.push(this.deeper(token, () => this.expression()))
      while (this.takeSymbol(','))
    }
    this.expectSymbol(')', 'a closing ")"')
    if (args.length !== functionArity[name])
      throw new ExpressionError(
        `${name}() takes ${functionArity[name]} argument${functionArity[name] === 1 ? '' : 's'}, got ${args.length}`,
        token.column,
      )
    if (name === 'exists' && args[0]?.kind !== 'path')
      throw new ExpressionError('exists() takes a path, like exists(payload.reason)', token.column)
    if (stateFunctions.has(name)) {
      const path = args[0]
      if (path?.kind !== 'path' || !stateRoots.has(path.root))
        throw new ExpressionError(
          `${name}() takes a path into the state first, like ${name}(state.status${name === 'changed' ? '' : ', "open"'})`,
          token.column,
        )
    }
    return this.node({ kind: 'call', name, args, column: token.column }, token, args)
  }

  // One more level of parsing recursion, refused past the bound before the stack can run out.
  private deeper<T>(token: Token, parse: () => T): T {
    if (++this.nesting > maxExpressionDepth) throw tooDeep(token)
    try {
      return parse()
    } finally {
      this.nesting--
    }
  }

  // A node one level deeper than its deepest child: `a and b and c …` is as deep as it is long.
  private node(expression: Expression, token: Token, children: readonly Expression[]): Expression {
    let depth = 1
    for (const child of children) depth = Math.max(depth, (this.depths.get(child) ?? 1) + 1)
    if (depth > maxExpressionDepth) throw tooDeep(token)
    this.depths.set(expression, depth)
    return expression
  }

  private peek(): Token {
    return this.tokens[Math.min(this.at, this.tokens.length - 1)] as Token
  }

  private peekSymbol(text: string): boolean {
    const token = this.peek()
    return token.kind === 'symbol' && token.text === text
  }

  private takeSymbol(text: string): boolean {
    if (!this.peekSymbol(text)) return false
    this.at++
    return true
  }

  private takeWord(text: string): boolean {
    const token = this.peek()
    if (token.kind !== 'word' || token.text !== text) return false
    this.at++
    return true
  }

  private expectSymbol(text: string, what: string): void {
    const token = this.peek()
    if (!this.takeSymbol(text))
      throw new ExpressionError(`Expected ${what}, found ${describe(token)}`, token.column)
  }
}

/**
 * The column of the first root or function that needs the states around the event, or null.
 *
 * Search reads events without replaying them, so it refuses these by column. O(size of the expression).
 */
export function needsState(expression: Expression): number | null {
  switch (expression.kind) {
    case 'literal':
      return null
    case 'path':
      return stateRoots.has(expression.root) ? (expression.column ?? 1) : null
    case 'not':
      return needsState(expression.operand)
    case 'and':
    case 'or':
      for (const operand of expression.operands) {
        const column = needsState(operand)
        if (column !== null) return column
      }
      return null
    case 'compare':
      return needsState(expression.left) ?? needsState(expression.right)
    case 'call':
      if (stateFunctions.has(expression.name)) return expression.column ?? 1
      for (const arg of expression.args) {
        const column = needsState(arg)
        if (column !== null) return column
      }
      return null
  }
}

function tooDeep(token: Token): ExpressionError {
  return new ExpressionError(`Expression nested more than ${maxExpressionDepth} levels deep`, token.column)
}

function isCompareOp(text: string): text is CompareOp {
  return ['==', '!=', '<', '<=', '>', '>='].includes(text)
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end'
    case 'string':
      return `the text ${JSON.stringify(token.value)}`
    case 'number':
      return `the number ${token.value}`
    default:
      return `"${token.text}"`
  }
}
