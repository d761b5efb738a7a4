import { describe, expect, it } from 'vitest'
import { createJsonProgress, createTtyProgress } from '../../src/cli/progress.js'

describe('progress reporters', () => {
  it('writes JSON lines, thinning ticks to one per 10 %', () => {
    const lines: string[] = []
    const progress = createJsonProgress((t) => void lines.push(t), () => new Date('2026-11-27T12:00:00.000Z'))
    progress.step('loading', { loader: 'aws' })
    for (let i = 0; i <= 100; i += 1) progress.tick(i, 100)
    progress.done('finished', { nodes: 3 })
    const docs = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true)
    expect(docs[0]).toEqual({ time: '2026-11-27T12:00:00.000Z', level: 'info', msg: 'loading', loader: 'aws' })
    expect(docs.filter((d) => 'done' in d).map((d) => d['done'])).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
    expect(docs.at(-1)).toMatchObject({ msg: 'finished', nodes: 3 })
  })

  it('draws a bar in place on a terminal and clears it before the next line', () => {
    let out = ''
    const progress = createTtyProgress((t) => void (out += t))
    progress.step('deriving')
    progress.tick(5, 10)
    expect(out).toContain('[############............] 50% deriving (5/10)')
    progress.done('done')
    expect(out.endsWith('\r\u001b[2Kdone\n')).toBe(true)
  })
})
