// The one registry of long work: how a task stops (cancel, a newer one, another store) and answers
// (TaskCancelled, code `cancelled`), and how its progress is reported (under its task id).

import { describe, expect, it } from 'vitest'
import {
  TaskCancelled,
  TaskRegistry,
  type TaskContext,
  type TaskProgress,
} from '../../../../electron/core/tasks/task-registry'

/** Work that runs until its signal aborts, then throws what a reader throws: the signal's reason. */
function untilStopped(started?: (task: TaskContext) => void) {
  return (task: TaskContext) =>
    new Promise<never>((_, reject) => {
      started?.(task)
      task.signal.addEventListener('abort', () => reject(new Error('read aborted')))
    })
}

describe('TaskRegistry', () => {
  it('given a running task, when it is cancelled by id, then it answers TaskCancelled and cancel says it ran', async () => {
    const tasks = new TaskRegistry()
    const running = tasks.run('t1', untilStopped(), { label: 'Searching' })
    expect(tasks.cancel('t1')).toBe(true)
    const error = await running.catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(TaskCancelled)
    expect(error).toMatchObject({ code: 'cancelled' })
    expect(tasks.cancel('t1')).toBe(false)
  })

  it('given a task of a kind that supersedes, when another of that kind starts, then the first is cancelled and the second answers', async () => {
    const tasks = new TaskRegistry()
    const first = tasks.run('h1', untilStopped(), { label: 'Histogram', supersedes: 'histogram' })
    const second = tasks.run('h2', async () => 'latest', { label: 'Histogram', supersedes: 'histogram' })
    await expect(first).rejects.toBeInstanceOf(TaskCancelled)
    await expect(second).resolves.toBe('latest')
  })

  it('given a task, when another starts under the same id, then the first is cancelled', async () => {
    const tasks = new TaskRegistry()
    const first = tasks.run('same', untilStopped(), { label: 'Searching' })
    const second = tasks.run('same', async () => 2, { label: 'Searching' })
    await expect(first).rejects.toBeInstanceOf(TaskCancelled)
    await expect(second).resolves.toBe(2)
  })

  it('given a search and an export running, when the store changes, then the search is cancelled and the export runs on', async () => {
    const tasks = new TaskRegistry()
    let finishExport: (value: string) => void = () => {}
    const search = tasks.run('s', untilStopped(), { label: 'Searching' })
    const exporting = tasks.run('e', () => new Promise<string>((resolve) => (finishExport = resolve)), {
      label: 'Exporting',
      outlivesStore: true,
    })
    tasks.storeChanged()
    await expect(search).rejects.toMatchObject({ code: 'cancelled', message: 'Another store was opened.' })
    finishExport('saved')
    await expect(exporting).resolves.toBe('saved')
  })

  it('given work that fails on its own, when it is not cancelled, then its own error comes through', async () => {
    const tasks = new TaskRegistry()
    const failing = tasks.run('f', async () => Promise.reject(new RangeError('bad')), { label: 'Searching' })
    await expect(failing).rejects.toBeInstanceOf(RangeError)
  })

  it('given a task reporting progress, when reported, then each report carries its task id and label', async () => {
    const reports: TaskProgress[] = []
    const tasks = new TaskRegistry((progress) => reports.push(progress))
    await tasks.run(
      'v1',
      async ({ progress }) => {
        progress(1, 4)
        progress(4, 4)
      },
      { label: 'Verifying' },
    )
    expect(reports).toEqual([
      { taskId: 'v1', task: 'Verifying', done: 1, total: 4 },
      { taskId: 'v1', task: 'Verifying', done: 4, total: 4 },
    ])
  })

  it('given a task that stays quiet at first, when it reports at once, then nothing is sent', async () => {
    const reports: TaskProgress[] = []
    const tasks = new TaskRegistry((progress) => reports.push(progress))
    await tasks.run('r', async ({ progress }) => progress(1, 2), { label: 'Reading', quietMs: 60_000 })
    expect(reports).toEqual([])
  })
})
