// Word lists the sample aggregates draw from. Non-ASCII names, places and emoji are deliberate: a
// store explorer must show them intact, so the sample data should carry them everywhere.

export const people = [
  'Ada Lovelace',
  'Zoë Ångström',
  '李雷',
  'Søren Kierkegaard',
  'José Núñez',
  'Chloé Dubois',
  'Ólafur Arnalds',
  'Nguyễn Thị Minh',
  'Алексей Смирнов',
  'Grace Hopper',
  'Dvořák Antonín',
  'محمد علي',
  'Björk Guðmundsdóttir',
  'Linus Torvalds',
  'Kofi Mensah 🚀',
] as const

export const places = [
  { city: 'Zürich', country: 'CH' },
  { city: 'São Paulo', country: 'BR' },
  { city: '東京', country: 'JP' },
  { city: 'Kraków', country: 'PL' },
  { city: 'Reykjavík', country: 'IS' },
  { city: 'Lagos', country: 'NG' },
  { city: 'Montréal', country: 'CA' },
  { city: 'Berlin', country: 'DE' },
  { city: 'Austin', country: 'US' },
] as const

export const roles = ['user', 'editor', 'admin', 'auditor'] as const

export const products = [
  { sku: 'KB-001', name: 'Mechanical keyboard', price: 8999 },
  { sku: 'MS-014', name: 'Wireless mouse', price: 2450 },
  { sku: 'MN-270', name: 'Monitor 27"', price: 31900 },
  { sku: 'CB-003', name: 'USB-C cable (2 m)', price: 1299 },
  { sku: 'TE-100', name: 'Thé vert — 100 g', price: 750 },
  { sku: 'ST-042', name: 'Sticker pack ✨', price: 399 },
] as const

export const carriers = ['DHL', 'UPS', 'FedEx', 'La Poste', 'ヤマト運輸'] as const

export const cancelReasons = [
  'customer changed their mind',
  'payment declined',
  'out of stock',
  'duplicate order',
] as const

export const notes = [
  'Leave at the door 🚪',
  'Gift wrap, please 🎁',
  'Call before delivery',
  'Fragile — handle with care',
  'Entregar en recepción',
] as const

export const currencies = ['EUR', 'USD', 'GBP', 'JPY', 'CHF'] as const

export const nicknames = ['ace', 'zozo', 'lei', 'sk', 'ninja 🥷', 'bjö'] as const
