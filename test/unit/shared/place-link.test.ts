import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  appLink,
  emptyPlace,
  parseAppLink,
  parsePlace,
  placeText,
  searchFields,
  type Place,
} from '../../../shared/place-link'

const place = (part: Partial<Place>): Place => ({ ...emptyPlace, ...part })

describe('place links', () => {
  it('given an aggregate at a version with its event id, when written, then it reads as a path with a query', () => {
    const text = placeText(
      place({
        store: { kind: 'root', path: 'shop/events' },
        aggregateId: 'Order-1',
        version: 12,
        eventId: 'e 12',
      }),
    )
    expect(text).toBe('/store/shop%2Fevents/aggregate/Order-1/at/12?event=e%2012')
    expect(parsePlace(`#${text}`)).toEqual({
      ok: true,
      place: place({
        store: { kind: 'root', path: 'shop/events' },
        aggregateId: 'Order-1',
        version: 12,
        eventId: 'e 12',
      }),
    })
  })

  it('given the root itself, when written, then it is "." and reads back as the empty path', () => {
    const text = placeText(place({ store: { kind: 'root', path: '' } }))
    expect(text).toBe('/store/.')
    expect(parsePlace(text)).toEqual({ ok: true, place: place({ store: { kind: 'root', path: '' } }) })
  })

  it('given no hash or "#/", when parsed, then it is the empty place', () => {
    expect(parsePlace('')).toEqual({ ok: true, place: emptyPlace })
    expect(parsePlace('#/')).toEqual({ ok: true, place: emptyPlace })
  })

  it('given ids with "/", "?", "#" and spaces, when written and read, then each stays one part', () => {
    const p = place({ aggregateId: 'a/b?c#d e%', version: 0, eventId: 'x&y=z', dock: 'search' })
    expect(parsePlace(placeText(p))).toEqual({ ok: true, place: p })
  })

  it('given any place, when written and read back, then it is the same place', () => {
    const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\u0000'))
    const anyPlace = fc.record({
      store: fc.option(
        fc.oneof(
          fc.record({ kind: fc.constant('root' as const), path: text.filter((s) => s !== '.') }),
          fc.record({ kind: fc.constant('dir' as const), id: fc.uuid() }),
          fc.record({ kind: fc.constant('path' as const), path: text.filter((s) => s !== '.') }),
        ),
      ),
      aggregateId: fc.option(text),
      version: fc.option(fc.nat()),
      eventId: fc.option(text),
      dock: fc.option(fc.constantFrom('search', 'time', 'check')),
      inspector: fc.option(fc.constant('append' as const)),
      search: fc.option(fc.record({ where: text, text })),
      check: fc.option(fc.record({ expression: text, aggregateType: fc.constantFrom('', 'Account') })),
    })
    fc.assert(
      fc.property(anyPlace, (p) => {
        // What a link cannot say: a version without an aggregate, an event id without a version.
        const expected: Place = {
          ...p,
          version: p.aggregateId === null ? null : p.version,
          eventId: p.aggregateId === null || p.version === null ? null : p.eventId,
        }
        expect(parsePlace(`#${placeText(p)}`)).toEqual({ ok: true, place: expected })
      }),
    )
  })

  it('given a check, when written, then the invariant and its type are in the link', () => {
    const p = place({
      dock: 'invariants',
      check: { expression: 'state.balance >= 0', aggregateType: 'Account' },
    })
    expect(placeText(p)).toBe('/?dock=invariants&check=state.balance%20%3E%3D%200&check.type=Account')
    expect(parsePlace(placeText(p))).toEqual({ ok: true, place: p })
  })

  it('given a search, when written, then only its non-blank fields are in the link', () => {
    const text = placeText(place({ dock: 'search', search: { where: 'payload.amount > 100', text: '' } }))
    expect(text).toBe('/?dock=search&search.where=payload.amount%20%3E%20100')
    expect(searchFields).toContain('where')
  })

  it.each([
    ['no leading slash', 'aggregate/x', 'does not start with "/"'],
    ['an unknown part', '/aggregate/x/when/3', '"when" is not a part'],
    ['a version that is no number', '/aggregate/x/at/-1', 'needs a version'],
    ['an aggregate without id', '/aggregate', 'needs an id'],
    ['a store without value', '/store', 'needs a value'],
    ['a broken escape', '/aggregate/%E0%A4%A', 'needs an id'],
    ['a tab that is no name', '/?dock=%3Cscript%3E', 'is not a tab'],
  ])('given %s, when parsed, then it is refused in one line', (_, text, reason) => {
    const parsed = parsePlace(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) {
      expect(parsed.message).toContain(reason)
      expect(parsed.message).not.toContain('\n')
    }
  })
})

describe('desktop links', () => {
  it('given a store path and a place, when written as eventscope://, then it reads back with the path', () => {
    const link = appLink('/home/me/my store', place({ aggregateId: 'Order-1', version: 3, eventId: 'e3' }))
    expect(link).toBe('eventscope://open/path/%2Fhome%2Fme%2Fmy%20store/aggregate/Order-1/at/3?event=e3')
    expect(parseAppLink(link)).toEqual({
      ok: true,
      place: place({
        store: { kind: 'path', path: '/home/me/my store' },
        aggregateId: 'Order-1',
        version: 3,
        eventId: 'e3',
      }),
    })
  })

  it('given a link with a trailing slash or an upper-case scheme, when parsed, then it is accepted', () => {
    expect(parseAppLink('EVENTSCOPE://open/').ok).toBe(true)
    expect(parseAppLink('eventscope://open').ok).toBe(true)
  })

  it('given another scheme, another verb or a store by directory id, when parsed, then it is refused', () => {
    expect(parseAppLink('https://open/aggregate/x').ok).toBe(false)
    expect(parseAppLink('eventscope://delete/aggregate/x').ok).toBe(false)
    expect(parseAppLink('eventscope://open/store/x').ok).toBe(false)
  })
})
