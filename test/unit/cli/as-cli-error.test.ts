import { describe, expect, it } from 'vitest'
import { CliError } from '../../../electron/cli/cli-error'
import { asCliError } from '../../../electron/cli/commands/as-cli-error'
import { StoreError } from '../../../electron/core/errors'

describe('asCliError', () => {
  it('given the core’s not_found error, when converted, then it is a one-line failure in lower case without a full stop', () => {
    const error = asCliError(new StoreError('not_found', 'No such directory: /x.'))
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).message).toBe('no such directory: /x')
    expect((error as CliError).exitCode).toBe(1)
  })

  it('given a message starting with an acronym, when converted, then it is left as written', () => {
    expect((asCliError(new StoreError('io_error', 'JSON unreadable')) as CliError).message).toBe(
      'JSON unreadable',
    )
  })

  it('given any other error, when converted, then it passes through untouched', () => {
    const error = new Error('boom')
    expect(asCliError(error)).toBe(error)
  })
})
