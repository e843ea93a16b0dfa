// The sample aggregate types: each is a tiny state machine that emits plausible events forever.
//
// Payloads carry new values rather than deltas (a deposit carries the new `balance`), because the
// explorer rebuilds state as a JSON merge patch of payloads; `null` deletes a field the same way.

import type { PythonJsonValue } from './python-json'
import type { Random } from './prng'
import {
  cancelReasons,
  carriers,
  currencies,
  nicknames,
  notes,
  people,
  places,
  products,
  roles,
} from './vocabulary'

export type Payload = { readonly [key: string]: PythonJsonValue }

export interface EventDraft {
  readonly eventType: string
  readonly payload: Payload
}

/** Emits the events of one aggregate, first to last; each call returns the next event. */
export type EventSource = (random: Random) => EventDraft

export interface AggregateKind {
  readonly type: string
  /** Share of aggregates of this type in a generated store. */
  readonly weight: number
  readonly create: () => EventSource
}

const money = (cents: number): number => cents / 100

// "Ólafur Arnalds" -> "olafur.arnalds123"; names with no Latin letters (李雷) become "user123".
const slug = (name: string, random: Random): string => {
  const latin = name
    .normalize('NFD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
  return `${latin.replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '') || 'user'}${random.int(1, 999)}`
}

function userSource(): EventSource {
  let started = false
  let active = true
  let hasNickname = false
  let username = ''
  return (random) => {
    if (!started) {
      started = true
      const name = random.pick(people)
      username = slug(name, random)
      hasNickname = random.chance(0.5)
      const payload: Payload = {
        username,
        email: `${username}@example.com`,
        role: 'user',
        display_name: name,
        ...(hasNickname ? { nickname: random.pick(nicknames) } : {}),
      }
      return { eventType: 'UserRegisteredEvent', payload }
    }
    if (!active) {
      active = true
      return { eventType: 'UserReactivatedEvent', payload: { active: true, deactivation_reason: null } }
    }
    const roll = random.next()
    if (roll < 0.3)
      return {
        eventType: 'UserEmailChangedEvent',
        payload: { email: `${username}+${random.int(1, 99)}@example.org` },
      }
    if (roll < 0.5) return { eventType: 'UserRoleChangedEvent', payload: { role: random.pick(roles) } }
    if (roll < 0.65) {
      const place = random.pick(places)
      return { eventType: 'UserProfileUpdatedEvent', payload: { profile: { location: { ...place } } } }
    }
    if (roll < 0.8) {
      hasNickname = !hasNickname
      return hasNickname
        ? { eventType: 'UserNicknameSetEvent', payload: { nickname: random.pick(nicknames) } }
        : { eventType: 'UserNicknameRemovedEvent', payload: { nickname: null } }
    }
    active = false
    return {
      eventType: 'UserDeactivatedEvent',
      payload: { active: false, deactivation_reason: 'requested by user' },
    }
  }
}

function orderSource(): EventSource {
  let started = false
  let status = 'placed'
  let hasCoupon = false
  let itemCount = 0
  let totalCents = 0
  const item = (random: Random): Payload => {
    const product = random.pick(products)
    const quantity = random.int(1, 3)
    totalCents += product.price * quantity
    itemCount += 1
    return { sku: product.sku, name: product.name, quantity, price: money(product.price) }
  }
  return (random) => {
    if (!started) {
      started = true
      const items = Array.from({ length: random.int(1, 3) }, () => item(random))
      hasCoupon = random.chance(0.3)
      const customer = { name: random.pick(people), address: { ...random.pick(places) } }
      const payload: Payload = {
        customer,
        items,
        total: money(totalCents),
        currency: random.pick(currencies),
        status,
        ...(hasCoupon ? { coupon: 'SPRING10' } : {}),
      }
      return { eventType: 'OrderPlacedEvent', payload }
    }
    if (status === 'placed') {
      const roll = random.next()
      if (roll < 0.55)
        return {
          eventType: 'OrderItemAddedEvent',
          payload: { item: item(random), item_count: itemCount, total: money(totalCents) },
        }
      if (roll < 0.65 && hasCoupon) {
        hasCoupon = false
        return { eventType: 'OrderCouponRemovedEvent', payload: { coupon: null } }
      }
      if (roll < 0.9) {
        status = 'shipped'
        const tracking = `${random.int(100000, 999999)}${random.int(100000, 999999)}`
        return {
          eventType: 'OrderShippedEvent',
          payload: { status, carrier: random.pick(carriers), tracking },
        }
      }
      status = 'cancelled'
      return { eventType: 'OrderCancelledEvent', payload: { status, reason: random.pick(cancelReasons) } }
    }
    if (status === 'shipped' && random.chance(0.5)) {
      status = 'delivered'
      return { eventType: 'OrderDeliveredEvent', payload: { status } }
    }
    // Long order streams keep going with notes and address corrections (nested merge patches).
    if (random.chance(0.5)) return { eventType: 'OrderNoteAddedEvent', payload: { note: random.pick(notes) } }
    return {
      eventType: 'OrderAddressCorrectedEvent',
      payload: { customer: { address: { city: random.pick(places).city } } },
    }
  }
}

function accountSource(): EventSource {
  let started = false
  let balanceCents = 0
  let frozen = false
  return (random) => {
    if (!started) {
      started = true
      const payload: Payload = {
        owner: random.pick(people),
        currency: random.pick(currencies),
        balance: 0,
        frozen: false,
      }
      return { eventType: 'AccountOpenedEvent', payload }
    }
    if (frozen) {
      frozen = false
      return { eventType: 'AccountUnfrozenEvent', payload: { frozen: false, frozen_reason: null } }
    }
    const roll = random.next()
    if (roll < 0.05) {
      frozen = true
      return {
        eventType: 'AccountFrozenEvent',
        payload: { frozen: true, frozen_reason: 'suspicious activity 🔒' },
      }
    }
    const amount = random.int(100, 50000)
    if (roll < 0.6 || amount > balanceCents) {
      balanceCents += amount
      return {
        eventType: 'MoneyDepositedEvent',
        payload: { amount: money(amount), balance: money(balanceCents) },
      }
    }
    balanceCents -= amount
    return {
      eventType: 'MoneyWithdrawnEvent',
      payload: { amount: money(amount), balance: money(balanceCents) },
    }
  }
}

export const aggregateKinds: readonly AggregateKind[] = [
  { type: 'User', weight: 0.4, create: userSource },
  { type: 'Order', weight: 0.4, create: orderSource },
  { type: 'Account', weight: 0.2, create: accountSource },
]

/** Pick an aggregate type by weight. */
export function pickKind(random: Random): AggregateKind {
  let roll = random.next()
  for (const kind of aggregateKinds) {
    roll -= kind.weight
    if (roll < 0) return kind
  }
  return aggregateKinds[aggregateKinds.length - 1] as AggregateKind
}
