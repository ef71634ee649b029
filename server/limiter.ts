/**
 * A counting semaphore with a bounded queue: at most `concurrency` holders, at most `queue`
 * waiters; beyond that `acquire` returns null so the caller can answer 429 instead of piling up.
 */
export class Limiter {
  private active = 0;
  private waiting: (() => void)[] = [];
  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  async acquire(): Promise<(() => void) | null> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.queue) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}
