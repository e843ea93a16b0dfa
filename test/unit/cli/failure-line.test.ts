import { describe, expect, it } from 'vitest'
import { CliError } from '../../../electron/cli/cli-error'
import { capMessage, describeFailure, failureLine, maxMessageBytes } from '../../../electron/cli/failure-line'

const text = (error: unknown): string => failureLine(describeFailure(error), { json: false })

function systemError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something, ${syscall} '${path}'`), {
    code,
    syscall,
    path,
    errno: -13,
  })
}

describe('describeFailure', () => {
  it.each([
    [
      null,
      'eventscope: unexpected error: null was thrown instead of an Error (EVENTSCOPE_DEBUG=1 shows details)',
    ],
    [
      undefined,
      'eventscope: unexpected error: undefined was thrown instead of an Error (EVENTSCOPE_DEBUG=1 shows details)',
    ],
    [
      'boom',
      'eventscope: unexpected error: the string "boom" was thrown instead of an Error (EVENTSCOPE_DEBUG=1 shows details)',
    ],
    [
      { toString: (): string => 'x' },
      'eventscope: unexpected error: an object was thrown instead of an Error (EVENTSCOPE_DEBUG=1 shows details)',
    ],
  ])(
    'given %j thrown, when described, then it says what was thrown and never blames memory',
    (thrown, line) => {
      expect(text(thrown)).toBe(line)
      expect(text(thrown)).not.toMatch(/memory/)
    },
  )

  it('given a Proxy whose every trap throws, when described, then it is still one line and nothing throws', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap')
        },
        getPrototypeOf: () => {
          throw new Error('trap')
        },
      },
    )
    expect(text(hostile)).toMatch(/^eventscope: unexpected error/)
  })

  it.each([
    ['EACCES', 'scandir', '/srv/store', 'permission_denied', 'permission denied: /srv/store (EACCES)'],
    [
      'EPERM',
      'open',
      '/srv/store/a.events.jsonl',
      'permission_denied',
      'operation not permitted: /srv/store/a.events.jsonl (EPERM)',
    ],
    [
      'ENOSPC',
      'write',
      '/srv/store/a.events.jsonl',
      'io_error',
      'no space left on the device: /srv/store/a.events.jsonl (ENOSPC)',
    ],
    [
      'EMFILE',
      'open',
      '/srv/store/index.json',
      'io_error',
      'too many open files: /srv/store/index.json (EMFILE)',
    ],
  ])(
    'given a system error %s, when described, then it is the system’s words and the path, not "unexpected"',
    (code, syscall, path, cliCode, message) => {
      const failure = describeFailure(systemError(code, syscall, path))
      expect(failure).toMatchObject({ code: cliCode, message, exitCode: 1 })
    },
  )

  it('given a stack overflow, when described, then it says the input is nested too deeply', () => {
    const failure = describeFailure(new RangeError('Maximum call stack size exceeded'))
    expect(failure).toMatchObject({ code: 'too_deep', exitCode: 1 })
    expect(failure.message).toBe('the input is nested too deeply to process (the stack ran out)')
  })

  it('given a CliError, when described, then its code, message and exit code are kept', () => {
    expect(describeFailure(new CliError('no aggregate x in this store', 1, 'not_found'))).toEqual({
      code: 'not_found',
      message: 'no aggregate x in this store',
      exitCode: 1,
    })
    expect(describeFailure(new CliError('bad', 2)).code).toBe('usage')
    expect(describeFailure(new CliError('odd', 1, 'unknown_channel')).code).toBe('failed')
  })
})

describe('failureLine', () => {
  it('given --json, when a failure is printed, then it is one line of {"error": {"code", "message"}}', () => {
    const line = failureLine(describeFailure(new CliError('list needs DIR', 2)), { json: true })
    expect(line).not.toContain('\n')
    expect(JSON.parse(line)).toEqual({ error: { code: 'usage', message: 'list needs DIR' } })
  })

  it('given a 20 MB message, when printed, then it is cut to the cap and says how many bytes were left out', () => {
    const huge = `reducer failed at version 3: ${'x'.repeat(20 * 1024 * 1024)}`
    const line = failureLine(describeFailure(new CliError(huge)), { json: false })
    expect(Buffer.byteLength(line)).toBeLessThan(maxMessageBytes + 100)
    const left = Buffer.byteLength(huge) - maxMessageBytes
    expect(line).toMatch(new RegExp(`… \\(${left.toLocaleString('en-US')} more bytes left out\\)$`))
    expect(
      JSON.parse(failureLine(describeFailure(new CliError(huge)), { json: true })).error.message,
    ).toMatch(/more bytes left out\)$/)
  })
})

describe('capMessage', () => {
  it('given a short one-line message, when capped, then it is unchanged', () => {
    expect(capMessage('no such directory: /x')).toBe('no such directory: /x')
  })

  it('given several lines, when capped, then only the first is kept and the rest is counted', () => {
    expect(capMessage('first\nsecond line', 100)).toBe('first… (12 more bytes left out)')
  })

  it('given a cut inside a multi-byte character, when capped, then no broken character is shown', () => {
    const capped = capMessage('é'.repeat(10), 5)
    expect(capped).toBe('éé… (16 more bytes left out)')
  })
})
