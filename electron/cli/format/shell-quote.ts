// Paths printed inside a command the user may copy: quoted for a POSIX shell when they need it.

/** `path` as one shell word. */
export function quoteArg(path: string): string {
  return /^[\w./~:@%+=-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`
}
