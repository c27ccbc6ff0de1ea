import type { SessionState } from '../../common/session-state';

type Listener = (state: SessionState) => void;

/**
 * The state of one server's session, who listens to it, and the rules that keep concurrent calls
 * sane: one operation runs at a time (a second caller joins it), and an operation started before a
 * cancel, logout or dispose cannot overwrite what came after (its generation is stale).
 */
export class SessionCell {
  private current: SessionState;
  private readonly listeners = new Set<Listener>();
  private running?: Promise<SessionState>;
  /** Bumped by cancel/logout/dispose so a late answer to an abandoned request is ignored. */
  private generationNow = 0;
  private disposed = false;

  constructor(
    initial: SessionState,
    /** What an operation that threw unexpectedly leaves behind. */
    private readonly onThrow: (error: unknown) => SessionState,
  ) {
    this.current = initial;
  }

  get state(): SessionState {
    return this.current;
  }

  get generation(): number {
    return this.generationNow;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `operation` unless one is running already, in which case the caller joins that one. */
  exclusive(operation: (generation: number) => Promise<SessionState>): Promise<SessionState> {
    if (this.running) return this.running;
    const generation = this.generationNow;
    const run = operation(generation)
      .catch((error: unknown) => this.settle(generation, this.onThrow(error)))
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }

  /** Whatever is running is abandoned: its answers no longer count. */
  abandon(): void {
    this.generationNow += 1;
    this.running = undefined;
  }

  isCurrent(generation: number): boolean {
    return generation === this.generationNow;
  }

  /** Sets `state` only if the operation of `generation` still counts; answers what is current. */
  settle(generation: number, state: SessionState): SessionState {
    if (generation !== this.generationNow) return this.current;
    this.set(state);
    return state;
  }

  set(state: SessionState): void {
    if (this.disposed) return;
    this.current = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  dispose(): void {
    this.disposed = true;
    this.abandon();
    this.listeners.clear();
  }
}
