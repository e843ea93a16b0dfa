import { describe, expect, it } from 'vitest'
import { builtinProjectionNames } from '../../../../electron/core/projections/builtin-names'
import { builtinProjections } from '../../../../electron/core/projections/builtin-projections'

describe('builtinProjectionNames', () => {
  it('given the built-in projections, when their names are listed apart, then the lists agree in order', () => {
    expect(builtinProjections.map((projection) => projection.name)).toEqual([...builtinProjectionNames])
  })
})
