// A layout or a mapped table named in the address itself (`postgres://…/db?eventscope-layout=marten`,
// `?eventscope-table=app.ledger&eventscope-columns=stream%3Daccount,…`, `?eventscope-schema=booking`
// for a library told to keep its tables in another schema): how the app, which opens a
// store by its address alone (the path field, Recent, a link), reads what the command line says with
// --layout, --table and --columns.
//
// Pure. The parameters are taken out before the address reaches the pg client, so the server never
// sees them; an address without them is passed on exactly as given.

import { StoreError } from '../../errors'
import { knownLayoutNames } from './pg-layout'

/** The query parameters eventscope reads, by what they choose. */
export const layoutParamNames = {
  layout: 'eventscope-layout',
  table: 'eventscope-table',
  columns: 'eventscope-columns',
  schema: 'eventscope-schema',
} as const

export interface AddressLayout {
  /** The address without eventscope's parameters. */
  readonly address: string
  readonly layout: string | null
  readonly table: string | null
  readonly columns: string | null
  /** The schema the connection's search path is set to (where a library was told to keep its tables). */
  readonly schema: string | null
}

/** Split eventscope's parameters off an address; a one-line invalid_input when they contradict. */
export function splitLayoutParams(address: string): AddressLayout {
  const none = { address, layout: null, table: null, columns: null, schema: null }
  if (!address.includes('eventscope-')) return none
  let url: URL
  try {
    url = new URL(address)
  } catch {
    return none
  }
  const take = (name: string): string | null => {
    const value = url.searchParams.get(name)
    url.searchParams.delete(name)
    return value
  }
  const layout = take(layoutParamNames.layout)
  const table = take(layoutParamNames.table)
  const columns = take(layoutParamNames.columns)
  const schema = take(layoutParamNames.schema)
  if (schema !== null) checkSchemaName(schema, layoutParamNames.schema)
  if (layout !== null && !(knownLayoutNames as readonly string[]).includes(layout))
    throw new StoreError(
      'invalid_input',
      `${layoutParamNames.layout} takes ${knownLayoutNames.join(', ')}; got ${JSON.stringify(layout)}`,
    )
  if (layout !== null && table !== null)
    throw new StoreError(
      'invalid_input',
      `${layoutParamNames.layout} and ${layoutParamNames.table} exclude each other`,
    )
  if (columns !== null && table === null)
    throw new StoreError(
      'invalid_input',
      `${layoutParamNames.columns} maps the columns of ${layoutParamNames.table}: name the table too`,
    )
  return { address: url.toString(), layout, table, columns, schema }
}

/**
 * Refuse a schema name that is not a plain identifier (letters, digits, `_`, not starting with a
 * digit): it travels inside the connection's `-c search_path=…` option, where spaces and quotes would
 * need escaping, and schemas libraries are told to use are plain names.
 */
export function checkSchemaName(schema: string, what: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema))
    throw new StoreError(
      'invalid_input',
      `${what} takes a schema name of letters, digits and _ (not starting with a digit); got ${JSON.stringify(schema)}`,
    )
}
