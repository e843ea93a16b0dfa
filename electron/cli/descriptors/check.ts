// `eventscope check DIR --invariant EXPR`: invariants checked at every version of every aggregate; the
// first violation of each aggregate reported with its event and the states around it.

import { usageError } from '../cli-error'
import { defineCommand } from '../command-descriptor'
import { expressionLanguage } from '../format/expression-language'

export interface CheckCommand {
  readonly kind: 'check'
  readonly dir: string
  /** Empty: the store's .eventscope/invariants.json. */
  readonly invariants: readonly string[]
  readonly types: readonly string[]
  readonly trust: boolean
  readonly json: boolean
}

export const checkCommand = defineCommand({
  name: 'check',
  section: 'integrity',
  synopsis: [
    {
      usage: 'check DIR [--invariant EXPR]... [--type T]... [--trust]',
      summary: 'Check invariants at every version of every aggregate;\nexit 1 when one is broken',
    },
  ],
  usage: 'check DIR [--invariant EXPR]... [--type T]... [--trust] [--json]',
  description: `Check that each invariant holds at every version of every aggregate of its types: after each
event, with state the aggregate's state after it and prev the state before. For each aggregate that
breaks one, print the first version where it does not hold, the event that made it so, what that
event changed, and the states before and after. Every version is checked, in order, so the first
violation is exact even where the invariant holds again later. Writes nothing.

Without --invariant, the invariants are read from DIR/.eventscope/invariants.json:
  {"invariants": [{"name": "no overdraft", "type": "Account", "expression": "state.balance >= 0"}]}
("type" is one aggregate type or a list; absent for every type; "name" defaults to the expression).
States are rebuilt by JSON merge patch, or by the store's reducers (.eventscope/reducers/<Type>.js)
with --trust, as state does.`,
  details: `Text output: one block per violation, then a summary line. --json prints {"invariants": [{"name",
"expression", "types"}], "aggregates", "events", "violations": [{"invariant", "name", "aggregateId",
"aggregateType", "version", "event", "before", "after"}], "failures": [{"aggregateId",
"aggregateType", "failure"}], "untrustedReducers"}; event is as events --json prints it.
Exit codes: 0 every invariant holds; 1 one is broken somewhere, or a reducer failed (that aggregate
is checked up to the event before); 2 a malformed expression or no invariant to check; 130 Ctrl-C.
Progress is shown on stderr when it is a terminal. A line that holds no event is not a version
(versions count events): one line on stderr counts those met under the merge patch and names the
first; eventscope verify lists each.

${expressionLanguage}`,
  options: {
    invariant: {
      kind: 'texts',
      value: 'EXPR',
      help: 'An expression that must hold after every event; repeatable\n(default: .eventscope/invariants.json)',
    },
    type: { kind: 'texts', value: 'T', help: 'Only aggregates of type T (as list shows it); repeatable' },
    trust: { kind: 'flag', help: "Run the store's reducers (.eventscope/reducers/<Type>.js)" },
  },
  positionals: [{ name: 'DIR', required: true }],
  parse: ({ positionals: [dir = ''], values, json }): CheckCommand => {
    if (values.invariant.some((text) => text.trim() === ''))
      throw usageError('--invariant needs an expression, got an empty one')
    if (values.type.some((text) => text.trim() === ''))
      throw usageError('--type needs an aggregate type, got an empty one')
    return {
      kind: 'check',
      dir,
      invariants: values.invariant,
      types: values.type,
      trust: values.trust,
      json,
    }
  },
  run: async (args, { io }) => (await import('../commands/check-command')).runCheck(args, io),
})
