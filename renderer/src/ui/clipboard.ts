// Puts text on the clipboard in both shells.
//
// The async Clipboard API needs a secure context and a focused document; the browser shell on an
// address other than 127.0.0.1 has neither guarantee, so a hidden textarea and `copy` are the fallback.

/** Copy `text`; resolves true when some route accepted it. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Fall through to the older route: permissions or focus refused the modern one.
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}
