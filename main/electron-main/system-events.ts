import { NetworkRecovery } from '../desktop/network-recovery';
import type { AutoAway } from '../engine/presence/auto-away';
import type { Scheduler } from '../engine/session/scheduler';
import type { SignInEngine } from '../engine/sign-in-engine';
import type { NetPort, PowerMonitorPort } from './electron-ports';

export interface SystemEventsDeps {
  powerMonitor: PowerMonitorPort;
  net: NetPort;
  engine: SignInEngine;
  autoAway: AutoAway;
  scheduler: Scheduler;
}

type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';

/**
 * Sleep, lock and the network feed two things: auto-away (away while locked or suspended) and an
 * immediate retry on wake, unlock or network back, instead of waiting out the backoff.
 */
export function wireSystemEvents({ powerMonitor, net, engine, autoAway, scheduler }: SystemEventsDeps): () => void {
  const listeners: Record<PowerEvent, () => void> = {
    suspend: () => autoAway.systemSuspended(true),
    resume: () => {
      autoAway.systemSuspended(false);
      engine.retryNow();
    },
    'lock-screen': () => autoAway.screenLocked(true),
    'unlock-screen': () => {
      autoAway.screenLocked(false);
      engine.retryNow();
    },
  };
  const events = Object.keys(listeners) as PowerEvent[];
  events.forEach((event) => powerMonitor.on(event, listeners[event]));
  const network = new NetworkRecovery({ isOnline: () => net.isOnline(), onBack: () => engine.retryNow(), scheduler });
  network.start();
  autoAway.start();
  return () => {
    events.forEach((event) => powerMonitor.removeListener(event, listeners[event]));
    network.dispose();
    autoAway.dispose();
  };
}

/** axios's fetch adapter over Electron's network stack (system proxy, OS certificate store). */
export function electronFetch(net: NetPort): typeof fetch {
  return (input, init) => net.fetch(input instanceof URL ? input.href : input, init);
}
