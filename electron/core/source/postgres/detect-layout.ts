// Which layout a database holds, from its catalog: the tables (and the columns that tell one library's
// `streams` from another's) each layout description requires.
//
// Pure: the catalog rows come from layout-sql.ts's tablesPresentSql. A database holding two layouts is
// refused rather than guessed at; the user names one (`--layout`).

import { StoreError } from '../../errors'
import type { PgLayout, PgRequiredTable, PresentTable } from './pg-layout'

export type { PresentTable } from './pg-layout'

/** Every table name the candidates look for: the catalog query's parameter. */
export function tableNames(candidates: readonly PgLayout[]): string[] {
  return [...new Set(candidates.flatMap((layout) => layout.tables.map((table) => table.name)))]
}

function satisfies(required: PgRequiredTable, present: readonly PresentTable[]): boolean {
  return present.some(
    (table) =>
      table.name === required.name &&
      (required.schema === null
        ? table.visible
        : table.schema === required.schema || (required.orOnSearchPath === true && table.visible)) &&
      required.columns.every((column) => table.columns.includes(column)),
  )
}

/** Whether the database holds everything `layout` reads. */
export function holdsLayout(layout: PgLayout, present: readonly PresentTable[]): boolean {
  return layout.tables.every((table) => satisfies(table, present))
}

const tableName = (table: PgRequiredTable): string =>
  table.schema === null ? table.name : `${table.schema}.${table.name}`

/**
 * The one candidate the database holds; a one-line no_store StoreError naming what is missing when it
 * holds none, and a usage-like invalid_input when it holds several. `store` names the database.
 */
export function chooseLayout(
  candidates: readonly PgLayout[],
  present: readonly PresentTable[],
  store: string,
): PgLayout {
  const held = candidates.filter((layout) => holdsLayout(layout, present))
  if (held.length === 1 && held[0] !== undefined) return held[0].adapt?.(present) ?? held[0]
  if (held.length > 1)
    throw new StoreError(
      'invalid_input',
      `${store} holds the tables of ${held.map((layout) => layout.title).join(' and ')}: choose one with --layout`,
    )
  const [only] = candidates
  if (candidates.length === 1 && only !== undefined) {
    const missing = only.tables.filter((table) => !satisfies(table, present)).map(tableName)
    throw new StoreError(
      'no_store',
      `${store} holds no ${only.title} event store: no ${missing.join(' or ')} table`,
    )
  }
  const wanted = candidates.map((layout) => `${layout.title} (${layout.tables.map(tableName).join(', ')})`)
  throw new StoreError(
    'no_store',
    `${store} holds no event store eventscope knows: none of the tables of ${wanted.join(', ')}; map a table with --table`,
  )
}
