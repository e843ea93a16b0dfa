// What the Append form previews, for either kind of store: the state one more event with this payload
// would give, built as append writes the payload (typed-payload.ts: the typed `1.0` previews as 1.0,
// not 1), and what it would change. Writes nothing.

import type { ChannelOutput } from '../../../shared/contract'
import { toWire, toWireChanges } from '../json/exact-wire'
import type { ExactChange, ExactJson } from '../json/json-value'
import { applyMergePatch } from '../json/merge-patch'
import { typedPayload } from '../write/typed-payload'
import type { PreviewInput } from './opened-store'

/** The preview of `input` appended to a stream whose latest state is `current` (version 0: none yet). */
export function appendPreview(
  current: { readonly version: number; readonly state: ExactJson },
  input: PreviewInput,
): ChannelOutput<'events.preview'> {
  const changes: ExactChange[] = []
  const patch = typedPayload(input.payload, input.exact, input.payloadText)
  const state = toWire(applyMergePatch(current.state, patch, changes))
  return {
    version: current.version + 1,
    state: state.value,
    ...(state.exact ? { exact: state.exact } : {}),
    changes: toWireChanges(changes),
  }
}
