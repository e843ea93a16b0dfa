// The renderer's entry: mount the app inside the error boundary and connect the store to the host.

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { followTheme } from './prefs/apply-theme'
import { connectStore } from './store/wiring'
import { ErrorBoundary } from './ui/error-boundary'
import './theme.css'

const root = document.getElementById('root')
if (!root) throw new Error('eventscope: #root is missing from index.html')

followTheme()
connectStore()
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
)
