// The last line of defense: a render error shows a calm message and a reload button, not a white page.

import { Component, type ErrorInfo, type ReactNode } from 'react'
import { messageOf } from '../lib/format'

interface State {
  readonly message: string | null
}

/** Catches render errors below it and offers to reload the window. */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, State> {
  override state: State = { message: null }

  static getDerivedStateFromError(error: unknown): State {
    return { message: messageOf(error) }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for developers in the devtools console; the user sees only the message.
    console.error(error, info.componentStack)
  }

  override render(): ReactNode {
    if (this.state.message === null) return this.props.children
    return (
      <div className="crash" role="alert">
        <h1>eventscope hit an unexpected problem</h1>
        <p className="crash-message">{this.state.message}</p>
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    )
  }
}
