import { describe, expect, it } from 'vitest'
import { rowOfVersion, versionAtRow } from '../../../../renderer/src/lib/row-of-version'

describe('rowOfVersion', () => {
  it('given no problem rows, when mapping version v, then the row is v-1', () => {
    expect(rowOfVersion(1, [])).toBe(0)
    expect(rowOfVersion(40, [])).toBe(39)
  })

  it('given version 0, when mapping, then there is no row', () => {
    expect(rowOfVersion(0, [3])).toBe(-1)
  })

  it('given a problem row before an event, when mapping, then the event moves down by one', () => {
    // rows: 0=v1 1=v2 2=v3 3=problem 4=v4
    expect(rowOfVersion(3, [3])).toBe(2)
    expect(rowOfVersion(4, [3])).toBe(4)
  })

  it('given consecutive problem rows at the top, when mapping v1, then it lands after all of them', () => {
    expect(rowOfVersion(1, [0, 1, 2])).toBe(3)
    expect(rowOfVersion(2, [0, 1, 2, 5])).toBe(4)
    expect(rowOfVersion(3, [0, 1, 2, 5])).toBe(6)
  })
})

describe('versionAtRow', () => {
  it('given problems, when reading each event row, then it inverts rowOfVersion', () => {
    const problems = [0, 3, 4, 9]
    for (let version = 1; version <= 12; version += 1) {
      expect(versionAtRow(rowOfVersion(version, problems), problems)).toBe(version)
    }
  })

  it('given a problem row, when reading it, then it reports the version of the event before it', () => {
    expect(versionAtRow(3, [3])).toBe(3)
    expect(versionAtRow(0, [0])).toBe(0)
  })
})
