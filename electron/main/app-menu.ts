// The application menu, generated from the command list in shared/commands.ts: each item sends its
// command id to the page (the `onCommand` push event), which runs the same command its button and its
// key run. Nothing about a command is written here twice.
//
// Keys are handled by the page, which knows when the user is typing into a field, so the menu only
// shows them: `registerAccelerator: false` on Linux and Windows. macOS registers a menu's key
// equivalents whatever that flag says, so there a key without Cmd/Ctrl is left off the menu (it would
// swallow the letter typed into a field); chords stay, and reach the page through the menu instead.

import type { MenuItemConstructorOptions } from 'electron'
import { commandMenus, commandSpecs, type CommandId, type CommandMenu } from '../../shared/commands'

export interface AppMenuOptions {
  /** Sends a command to the page. */
  readonly send: (id: CommandId) => void
  readonly platform: NodeJS.Platform
  /** Whether reload and the developer tools are offered (unpackaged runs only). */
  readonly development: boolean
}

const separator: MenuItemConstructorOptions = { type: 'separator' }

/** The menu template: the platform's app and edit menus, then each command menu in order. */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const itemsOf = (menu: CommandMenu): MenuItemConstructorOptions[] =>
    commandSpecs
      .filter((spec) => spec.menu === menu)
      .flatMap((spec, index) => {
        const item: MenuItemConstructorOptions = {
          id: spec.id,
          label: spec.label,
          click: () => options.send(spec.id),
        }
        const chord = spec.shortcut?.startsWith('CmdOrCtrl+') ?? false
        if (spec.shortcut !== null && (chord || !mac)) {
          item.accelerator = spec.shortcut
          item.registerAccelerator = false
        }
        return 'group' in spec && spec.group && index > 0 ? [separator, item] : [item]
      })
  const extras: Record<CommandMenu, MenuItemConstructorOptions[]> = {
    File: [separator, mac ? { role: 'close' } : { role: 'quit' }],
    View: [
      separator,
      ...(options.development
        ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, separator] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
    Go: [],
    Store: [],
    Help: [],
  }
  const menus = commandMenus.map((menu): MenuItemConstructorOptions => ({
    label: menu,
    ...(menu === 'Help' ? { role: 'help' as const } : {}),
    submenu: [...itemsOf(menu), ...extras[menu]],
  }))
  // Edit supplies copy and paste in text fields (macOS has no other way to them); Window is macOS's.
  const [file, ...rest] = menus
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file!,
    { role: 'editMenu' },
    ...rest.slice(0, -1),
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    rest.at(-1)!,
  ]
}
