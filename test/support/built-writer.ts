// eventscope's append path built from its sources into one small file for writer child processes: they
// load in a fraction of the app bundle's time.

import { buildFromSource } from './build-from-source'

/** Path of a CommonJS bundle exporting appendEvent, built once per test file. */
export function builtAppendBundle(): Promise<string> {
  return buildFromSource('electron/core/write/append.ts', 'append.js')
}
