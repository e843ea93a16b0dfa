// Play, with its speed, between the previous-hit and next-hit buttons: the Debug pane's header tools.
// Each button runs its command (P, Shift+H, H), so the key, the menu and the button agree.

import { useShallow } from 'zustand/react/shallow'
import { useCommand, type CommandButton } from '../../commands/use-command'
import { useAppStore } from '../../store'
import { playSpeeds, type PlaySpeed } from '../../store/debug-slice'
import { Icon } from '../../ui/icons'

/** Previous hit, Play/Pause, next hit, and the speed Play steps at. */
export function PlayControls() {
  const play = useCommand('playPause')
  const previous = useCommand('previousHit')
  const next = useCommand('nextHit')
  const { running, speed } = useAppStore(useShallow((s) => s.debug.play))
  const playSpeedChosen = useAppStore((s) => s.playSpeedChosen)
  return (
    <div className="play-controls">
      <IconButton command={previous} icon="previousHit" />
      <button
        type="button"
        className={`button small play-button ${running ? 'running' : ''}`}
        title={play.title}
        disabled={!play.enabled}
        onClick={play.run}
      >
        <Icon name={running ? 'pause' : 'play'} />
        <span className="play-label">{running ? 'Pause' : 'Play'}</span>
      </button>
      <IconButton command={next} icon="nextHit" />
      <select
        className="play-speed"
        aria-label="Play speed"
        title="Events per second while playing"
        value={speed}
        onChange={(event) => playSpeedChosen(Number(event.target.value) as PlaySpeed)}
      >
        {playSpeeds.map((s) => (
          <option key={s} value={s}>
            {s}/s
          </option>
        ))}
      </select>
    </div>
  )
}

function IconButton(props: { readonly command: CommandButton; readonly icon: 'previousHit' | 'nextHit' }) {
  const c = props.command
  return (
    <button
      type="button"
      className="step-button"
      aria-label={c.label}
      title={c.title}
      disabled={!c.enabled}
      onClick={c.run}
    >
      <Icon name={props.icon} />
    </button>
  )
}
