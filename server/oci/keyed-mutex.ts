/**
 * Runs tasks one at a time per key, in arrival order; different keys run in parallel. Used to make
 * check-then-push of one `name:version` atomic within this process.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // The last waiter removes the key, so the map does not grow with every version ever pushed.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
