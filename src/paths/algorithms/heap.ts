/**
 * @module paths/algorithms/heap
 * A binary min-heap of integers ordered by a caller-supplied comparator (the
 * searches push label indices and compare them by cost, depth and edge ids).
 */

/** A total order on the numbers a heap stores (negative = first argument first). */
export interface HeapOrder {
  compare(a: number, b: number): number
}

/**
 * A binary min-heap of numbers under an order object. An object, not a
 * closure: every search makes a new closure, and a call site that sees a new
 * closure each time is compiled, thrown away and compiled again; the method of
 * one class stays the same target.
 */
export class BinaryHeap {
  private readonly items: number[] = []

  /** @param order - total order on the stored numbers */
  constructor(private readonly order: HeapOrder) {}

  /** Number of items in the heap. */
  get size(): number {
    return this.items.length
  }

  /** Add an item. */
  push(item: number): void {
    const items = this.items
    items.push(item)
    // Sift up by moving parents down (no temporary arrays: this runs per label).
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = items[parent]!
      if (this.order.compare(item, p) >= 0) break
      items[i] = p
      i = parent
    }
    items[i] = item
  }

  /** Remove and return the smallest item, or undefined when empty. */
  pop(): number | undefined {
    const items = this.items
    if (items.length === 0) return undefined
    const top = items[0]!
    const last = items.pop()!
    const n = items.length
    if (n > 0) {
      // Sift `last` down from the root, moving the smaller child up each step.
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        if (left >= n) break
        const right = left + 1
        const child = right < n && this.order.compare(items[right]!, items[left]!) < 0 ? right : left
        if (this.order.compare(items[child]!, last) >= 0) break
        items[i] = items[child]!
        i = child
      }
      items[i] = last
    }
    return top
  }
}
