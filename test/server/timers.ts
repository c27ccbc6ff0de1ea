// Every timer the server starts goes through here so close() can cancel them all.

export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.pending.delete(t);
        resolve();
      }, ms);
      this.pending.add(t);
    });
  }

  every(ms: number, fn: () => void): () => void {
    const t = setInterval(fn, ms);
    this.pending.add(t);
    return () => {
      clearInterval(t);
      this.pending.delete(t);
    };
  }

  /** Pending sleeps never resolve: their requests' sockets are being destroyed anyway. */
  clearAll(): void {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }
}
