// The board's single event loop on a virtual clock. Everything that happens "later" on the watch
// (timers, queued events, sensor samples, buzz completions, button releases) is an item here, run
// in time order by advance(); nothing runs inline when it is scheduled, as on the watch.

export interface LoopItem {
  /** virtual ms when it is due */
  t: number;
  /** tie-break: scheduling order */
  seq: number;
  run: () => void;
  /** cancelled items stay in the heap and are skipped when popped */
  dead?: boolean;
}

export class EventLoop {
  /** virtual ms since the board started (monotonic; wall-clock jumps do not move it) */
  now = 0;
  private heap: LoopItem[] = [];
  private seq = 0;

  schedule(t: number, run: () => void): LoopItem {
    const item: LoopItem = { t: Math.max(t, this.now), seq: this.seq++, run };
    this.push(item);
    return item;
  }

  /** queue to run after the current code, at the current time */
  queue(run: () => void): LoopItem {
    return this.schedule(this.now, run);
  }

  cancel(item: LoopItem | undefined): void {
    if (item) item.dead = true;
  }

  /** the next live item, if any, due at or before `limit` */
  peekDue(limit: number): LoopItem | undefined {
    while (this.heap.length && this.heap[0].dead) this.pop();
    const top = this.heap[0];
    return top && top.t <= limit ? top : undefined;
  }

  /** pops and runs one item due at or before limit; false when none is due */
  step(limit: number): boolean {
    const item = this.peekDue(limit);
    if (!item) return false;
    this.pop();
    if (item.t > this.now) this.now = item.t;
    item.run();
    return true;
  }

  /** moves the clock without running anything (a stall: everything due meanwhile runs late) */
  stall(ms: number): void {
    this.now += ms;
  }

  pending(): number {
    return this.heap.filter((i) => !i.dead).length;
  }

  private push(item: LoopItem): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): LoopItem | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && less(h[l], h[m])) m = l;
        if (r < h.length && less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function less(a: LoopItem, b: LoopItem): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
