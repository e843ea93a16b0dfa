// "Copy link": the place shown, as a link another tab (or the desktop app) opens at the same place.

import { shareableLink } from '../../lib/current-place'
import type { Store } from '../../store/types'
import { copyText } from '../../ui/clipboard'

/** Put the link to what `state` shows at `version` on the clipboard, and say so in the store. */
export async function copyLink(state: Store, version: number): Promise<void> {
  const place = await state.placeShared(version)
  const link = shareableLink(state, place, window.location)
  if (link === null) return
  state.linkCopied((await copyText(link)) ? link : null)
}
