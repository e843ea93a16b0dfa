// axe-core's serious and critical findings on a page, for E2E tests that check a screen's accessibility.

import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axeSource = readFile(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: readonly { readonly target: readonly string[] }[]
}

/** The serious and critical WCAG 2 A/AA findings in `scope` (a CSS selector) of the page as it is now. */
export async function seriousViolations(page: Page, scope = 'document'): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(await axeSource)
  const context = scope === 'document' ? 'document' : JSON.stringify(scope)
  const violations = (await page.evaluate(`axe
    .run(${context}, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } })
    .then((result) => result.violations)`)) as AxeViolation[]
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .slice(0, 12)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    )
}
