// The directory a command was given, checked before anything is read from it. Its own small module:
// search, export, project and repair need it without loading the browser shell's host.

import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { CliError } from '../cli-error'

/** The absolute path of an existing directory, or the CLI's one-line failure saying what is wrong. */
export function existingDirectory(dir: string): string {
  const path = resolve(dir)
  let isDirectory = false
  try {
    isDirectory = statSync(path).isDirectory()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new CliError(`no such directory: ${path}`, 1, 'not_found')
    // EACCES and the like: run-cli names them in the system's words, with the path.
    throw error
  }
  if (!isDirectory) throw new CliError(`not a directory: ${path}`, 1, 'not_found')
  return path
}
