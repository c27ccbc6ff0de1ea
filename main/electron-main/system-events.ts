import { NetworkRecovery } from '../desktop/network-recovery';
import type { AutoAway } from '../engine/presence/auto-away';
import type { Scheduler } from '../engine/session/scheduler';
import type { SignInEngine } from '../engine/sign-in-engine';
import type { NetPort, PowerMonitorPort } from './electron-ports';
import type { ScreenLockSource } from './linux-screen-lock';

export interface SystemEventsDeps {
  powerMonitor: PowerMonitorPort;
  net: NetPort;
  engine: SignInEngine;
  autoAway: AutoAway;
  scheduler: Scheduler;
  /** Linux: lock and unlock from D-Bus (powerMonitor never emits them there); elsewhere powerMonitor's. */
  screenLock?: ScreenLockSource;
  onScreenLockUnavailable?(): void;
}

type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';

/**
 * Sleep, lock and the network feed two things: auto-away (away while locked or suspended) and an
 * immediate retry on wake, unlock or network back, instead of waiting out the backoff.
 */
export function wireSystemEvents({ powerMonitor, net, engine, autoAway, scheduler, screenLock, onScreenLockUnavailable }: SystemEventsDeps): () => void {
  const onLockChange = (locked: boolean) => {
    autoAway.screenLocked(locked);
    if (!locked) engine.retryNow();
  };
  const listeners: Partial<Record<PowerEvent, () => void>> = {
    suspend: () => autoAway.systemSuspended(true),
    resume: () => {
      autoAway.systemSuspended(false);
      engine.retryNow();
    },
    ...(screenLock ? {} : { 'lock-screen': () => onLockChange(true), 'unlock-screen': () => onLockChange(false) }),
  };
  const events = Object.keys(listeners) as PowerEvent[];
  events.forEach((event) => powerMonitor.on(event, listeners[event]!));
  const stopScreenLock = screenLock?.start(onLockChange, onScreenLockUnavailable);
  const network = new NetworkRecovery({ isOnline: () => net.isOnline(), onBack: () => engine.retryNow(), scheduler });
  network.start();
  autoAway.start();
  return () => {
    events.forEach((event) => powerMonitor.removeListener(event, listeners[event]!));
    stopScreenLock?.();
    network.dispose();
    autoAway.dispose();
  };
}
