// Listeners of every event share one emitter, so their argument lists are typed by the ports, not here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Listener = (...args: any[]) => void;

/** A tiny event emitter the fakes share; `emit` is how a fake (or a test) plays the OS or Chromium. */
export class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.removeListener(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((each) => each !== listener));
    return this;
  }
  emit(event: string, ...args: unknown[]): boolean {
    const listeners = [...(this.listeners.get(event) ?? [])];
    listeners.forEach((listener) => listener(...args));
    return listeners.length > 0;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/**
 * Electron's objects throw when used after destroy (or before ready); a fake that merely records
 * the call would hide the bug. Each fake names the Electron source the message comes from.
 */
export function refuse(message: string, kind: 'Error' | 'TypeError' = 'Error'): never {
  throw kind === 'TypeError' ? new TypeError(message) : new Error(message);
}
