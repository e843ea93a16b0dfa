// Writing and following, end to end in the browser shell: append through the form (and be refused
// with the reason), export a stream as CSV and JSONL and read the files, and watch an event that
// another process appended appear while the page is open.

import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateStore, type GeneratedAggregate } from '../../electron/core/gen/generate-store'
import { repoRoot, startExplorer, type Explorer } from './support/explorer-fixture'

const run = promisify(execFile)
let explorer: Explorer
let storeDir: string
let target: GeneratedAggregate

beforeAll(async () => {
  explorer = await startExplorer()
  storeDir = join(explorer.workDir, 'events')
  const store = await generateStore({ dir: storeDir, aggregates: 12, events: 200, seed: 9 })
  target = store.aggregates.find((aggregate) => aggregate.type === 'User') as GeneratedAggregate
  const { page } = explorer
  await page.getByLabel('Events directory').fill(storeDir)
  await page.getByLabel('Events directory').press('Enter')
  await page.locator('.summary-line', { hasText: 'reconciled' }).waitFor()
  await page.getByLabel('Filter aggregates').fill(target.id)
  await page
    .getByRole('grid', { name: 'Aggregates' })
    .getByRole('row')
    .filter({ hasText: target.id.slice(0, 12) })
    .click()
  await page.locator(`input[aria-label="Version"][max="${target.eventCount}"]`).waitFor()
})

afterAll(async () => {
  await explorer?.close()
})

const streamLines = async (id: string) =>
  (await readFile(join(storeDir, `${id}.events.jsonl`), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))

describe('appending, exporting and following in the browser shell', () => {
  it('given an invalid payload, when typed into the form, then the error names its place and Append stays disabled', async () => {
    const { page } = explorer
    await page.getByRole('tab', { name: 'Append' }).click()
    const form = page.getByRole('form', { name: 'Append event' })
    await form.getByLabel('Event type').fill('UserNicknameSetEvent')
    await form.getByLabel('Payload').fill('{\n  "nickname": "zed",\n  oops\n}')
    await expect.poll(() => form.innerText()).toMatch(/Line 3, column 3/)
    expect(await form.getByRole('button', { name: 'Append' }).isDisabled()).toBe(true)
    await explorer.screenshot('10-append-invalid')
  })

  it('given a stale expected version, when appended, then the refusal is shown and nothing is written', async () => {
    const { page } = explorer
    const form = page.getByRole('form', { name: 'Append event' })
    await form.getByLabel('Payload').fill('{"nickname": "zed"}')
    await form.getByLabel('Expected version').fill('1')
    await form.getByRole('button', { name: 'Append' }).click()
    await expect
      .poll(() => form.getByRole('alert').innerText())
      .toContain(`expected version 1, stream is at ${target.eventCount}`)
    expect(await streamLines(target.id)).toHaveLength(target.eventCount)
  })

  it('given a valid event, when appended, then it is written in the seed style and the slider moves to it', async () => {
    const { page } = explorer
    const form = page.getByRole('form', { name: 'Append event' })
    await form.getByLabel('Expected version').fill(String(target.eventCount))
    await expect.poll(() => page.getByRole('region', { name: 'Preview' }).innerText()).toContain('"zed"')
    await form.getByRole('button', { name: 'Append' }).click()
    const version = target.eventCount + 1
    await expect
      .poll(() => form.getByRole('status').innerText())
      .toContain(`Appended UserNicknameSetEvent as version ${version}`)
    await expect.poll(() => page.getByRole('slider', { name: 'Version' }).inputValue()).toBe(String(version))
    const last = (await streamLines(target.id)).at(-1)
    expect(last).toMatchObject({
      event_type: 'UserNicknameSetEvent',
      aggregate_id: target.id,
      nickname: 'zed',
    })
    const index = JSON.parse(await readFile(join(storeDir, 'index.json'), 'utf8'))
    expect(index.aggregates[target.id].event_count).toBe(version)
    await explorer.screenshot('11-appended')
  })

  it('given a payload with integer-like keys after others and 1.0, when appended, then the line holds them as typed', async () => {
    const { page } = explorer
    const form = page.getByRole('form', { name: 'Append event' })
    // A type no event has yet: no template replaces what is typed.
    await form.getByLabel('Event type').fill('UserTypedKeysEvent')
    await form.getByLabel('Expected version').fill('')
    await form.getByLabel('Payload').fill('{"b": 1, "2": "two", "1": "one", "x": 1.0}')
    await form.getByRole('button', { name: 'Append' }).click()
    const version = target.eventCount + 2
    await expect
      .poll(() => form.getByRole('status').innerText())
      .toContain(`Appended UserTypedKeysEvent as version ${version}`)
    const text = await readFile(join(storeDir, `${target.id}.events.jsonl`), 'utf8')
    expect(text.trimEnd().split('\n').at(-1)).toMatch(
      /"event_type": "UserTypedKeysEvent", .*"occurred_at": "[^"]+", "b": 1, "2": "two", "1": "one", "x": 1\.0\}$/,
    )
  })

  it('given that event as a template, when shown, previewed and appended untouched, then its key order and 1.0 stay', async () => {
    const { page } = explorer
    const form = page.getByRole('form', { name: 'Append event' })
    // An empty payload and a known type again: the template fills in, as the line has it.
    await form.getByLabel('Event type').fill('UserSomethingElse')
    await form.getByLabel('Payload').fill('')
    await form.getByLabel('Event type').fill('UserTypedKeysEvent')
    const template = '{\n  "b": 1,\n  "2": "two",\n  "1": "one",\n  "x": 1.0\n}'
    await expect.poll(() => form.getByLabel('Payload').inputValue(), { timeout: 15_000 }).toBe(template)
    // The preview builds on the typed text: x stays 1.0, unchanged, where the parsed payload made it 1.
    const preview = page.getByRole('region', { name: 'Preview' })
    await preview.locator('.json-tree').waitFor()
    const x = preview.locator('.json-row.leaf', { has: page.locator('.json-key', { hasText: /^x:$/ }) })
    await expect.poll(() => x.innerText()).toContain('1.0')
    await expect.poll(() => x.locator('.json-before').count()).toBe(0)
    await form.getByRole('button', { name: 'Append' }).click()
    const version = target.eventCount + 3
    await expect
      .poll(() => form.getByRole('status').innerText())
      .toContain(`Appended UserTypedKeysEvent as version ${version}`)
    const text = await readFile(join(storeDir, `${target.id}.events.jsonl`), 'utf8')
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/"b": 1, "2": "two", "1": "one", "x": 1\.0\}$/)
  })

  it('given the selected aggregate, when exported as CSV and as JSONL, then the downloads hold its events', async () => {
    const { page } = explorer
    const lines = await streamLines(target.id)
    for (const format of ['csv', 'jsonl'] as const) {
      await page.getByRole('button', { name: 'Export…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Export events' })
      await dialog.getByLabel('Format').selectOption(format)
      await dialog.getByRole('radio', { name: /Selected aggregate/ }).check()
      const download = page.waitForEvent('download')
      await dialog.getByRole('button', { name: 'Export', exact: true }).click()
      const file = join(explorer.workDir, `export.${format}`)
      await (await download).saveAs(file)
      // The page cannot read the download's answer: the host tells it what the download holds.
      await expect.poll(() => dialog.innerText()).toContain(`Download of ${lines.length} events started`)
      const text = await readFile(file, 'utf8')
      if (format === 'jsonl') {
        expect(
          text
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line)),
        ).toEqual(lines)
      } else {
        const rows = text.trimEnd().split('\r\n')
        expect(rows[0]).toMatch(/^version,aggregate_id,event_id,event_type,occurred_at,/)
        expect(rows).toHaveLength(lines.length + 1)
        expect(rows.at(-1)).toContain(
          `${lines.length},${target.id},${lines.at(-1).event_id},UserTypedKeysEvent`,
        )
      }
      if (format === 'csv') await explorer.screenshot('12-export-dialog')
      await page.keyboard.press('Escape')
    }
  })

  it('given the page open, when another process appends to the stream, then the new event appears', async () => {
    const { page } = explorer
    const before = await page.getByRole('slider', { name: 'Version' }).getAttribute('max')
    await run(process.execPath, [
      join(repoRoot, 'out/main/cli.js'),
      'append',
      storeDir,
      target.id,
      'UserRoleChangedEvent',
      '--data',
      '{"role": "auditor"}',
    ])
    const expected = String(Number(before) + 1)
    await expect
      .poll(() => page.getByRole('slider', { name: 'Version' }).getAttribute('max'), { timeout: 5000 })
      .toBe(expected)
    await page.getByRole('checkbox', { name: 'Follow' }).check()
    await expect.poll(() => page.getByRole('slider', { name: 'Version' }).inputValue()).toBe(expected)
    await page.getByRole('tab', { name: 'Inspect' }).click()
    await expect.poll(() => page.getByRole('region', { name: 'State' }).innerText()).toContain('"auditor"')
    await explorer.screenshot('13-followed')
    expect(explorer.pageErrors).toEqual([])
  })
})
