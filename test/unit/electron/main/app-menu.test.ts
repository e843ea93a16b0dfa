import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { appMenuTemplate } from '../../../../electron/main/app-menu'
import { commandSpecs, type CommandId } from '../../../../shared/commands'

/** Every item of a template, submenus flattened. */
function itemsOf(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? itemsOf(item.submenu as MenuItemConstructorOptions[]) : []),
  ])
}

function build(platform: NodeJS.Platform) {
  const sent: CommandId[] = []
  const template = appMenuTemplate({ send: (id) => sent.push(id), platform, development: false })
  return { sent, template, items: itemsOf(template) }
}

describe('the application menu', () => {
  it('given the command list, when the menu is built, then every menu command appears once and its click sends its id', () => {
    const { sent, items } = build('linux')
    const inMenu = commandSpecs.filter((spec) => spec.menu !== null)

    for (const spec of inMenu) {
      const found = items.filter((item) => item.id === spec.id)
      expect(found, spec.id).toHaveLength(1)
      expect(found[0]!.label).toBe(spec.label)
      ;(found[0]!.click as () => void)()
    }
    expect(sent).toEqual(inMenu.map((spec) => spec.id))
  })

  it('given Linux or Windows, when built, then every key is shown and none is registered (the page handles keys)', () => {
    const { items } = build('win32')
    const keyed = items.filter((item) => item.accelerator !== undefined)

    expect(keyed.map((item) => item.id)).toEqual(
      commandSpecs.filter((spec) => spec.menu !== null && spec.shortcut !== null).map((spec) => spec.id),
    )
    expect(keyed.every((item) => item.registerAccelerator === false)).toBe(true)
  })

  it('given macOS, when built, then keys without Cmd are left off so typing a letter never runs a command', () => {
    const { template, items } = build('darwin')

    expect(items.find((item) => item.id === 'nextVersion')?.accelerator).toBeUndefined()
    expect(items.find((item) => item.id === 'focusDirectory')?.accelerator).toBe('CmdOrCtrl+L')
    expect(template[0]).toEqual({ role: 'appMenu' })
    expect(items.some((item) => item.role === 'windowMenu')).toBe(true)
  })

  it('given a packaged app, when built, then it offers neither reload nor the developer tools', () => {
    const { items } = build('linux')

    expect(items.some((item) => item.role === 'toggleDevTools' || item.role === 'reload')).toBe(false)
    expect(items.some((item) => item.role === 'editMenu')).toBe(true)
  })
})
