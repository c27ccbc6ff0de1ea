import type { SessionState } from '../../main/common/session-state';
import type { SignInEngine } from '../../main/engine/sign-in-engine';

/** Waits (real time, bounded) until a session's state satisfies `predicate`. */
export async function until(engine: SignInEngine, server: string, predicate: (state: SessionState) => boolean, ms = 3_000): Promise<SessionState> {
  const session = engine.session(server);
  if (predicate(session.state)) return session.state;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`state not reached in ${ms} ms; last: ${JSON.stringify(session.state)}`));
    }, ms);
    const stop = session.onChange((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      stop();
      resolve(state);
    });
  });
}

/** Polls a condition on something that has no events (a stand-in's stored state). */
export async function eventually(check: () => boolean, what: string, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not reached in ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The same for a condition that has to be read asynchronously (settings on disk). */
export async function eventuallyAsync(check: () => Promise<boolean>, what: string, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not reached in ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
