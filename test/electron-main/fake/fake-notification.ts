import type { NotificationPort } from '../../../main/electron-main/electron-ports';
import { Emitter, refuse } from './emitter';
import type { FakePlatform } from './fake-platform';

export interface NotificationCenter {
  platform: FakePlatform;
  /** Windows only (docs/api/notification.md `Notification.handleActivation`). */
  activationHandler?: (details: { type: 'click'; arguments: string }) => void;
  /** Notifications sitting in Action Center after their toast timed out (Windows). */
  inActionCenter: FakeNotification[];
}

/** Electron's Notification (docs/api/notification.md; docs/tutorial/notifications.md). */
export class FakeNotification extends Emitter implements NotificationPort {
  shown = false;
  closedFor?: string;
  constructor(
    readonly options: { title: string; body: string },
    private readonly center: NotificationCenter,
  ) {
    super();
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    if (this.closedFor) {
      // notification.md: once in Action Center, close() removes it there "but the close event will not be emitted again".
      this.center.inActionCenter = this.center.inActionCenter.filter((each) => each !== this);
      return;
    }
    this.closedFor = 'closed';
    this.emit('close', { reason: 'userCanceled' });
  }
  /** The person clicks the toast while it is on screen. */
  click(): void {
    if (!this.shown) refuse('a notification that was never shown cannot be clicked');
    this.emit('click', {});
    this.center.activationHandler?.({ type: 'click', arguments: '' });
  }
  /**
   * The toast times out. Windows emits `close` with reason `timedOut` and keeps the notice in
   * Action Center (notification.md, Event 'close'); macOS keeps it in Notification Center
   * without an event; libnotify reports the timeout as closed (`close`) on Linux.
   */
  timeOut(): void {
    if (!this.shown || this.closedFor) return;
    if (this.center.platform.os === 'darwin') return;
    this.closedFor = 'timedOut';
    if (this.center.platform.os === 'win32') this.center.inActionCenter.push(this);
    this.emit('close', { reason: 'timedOut' });
  }
  /**
   * A click on the notice in Action Center after its toast timed out. The app's object may well
   * have been garbage-collected by then (it let go on `close`), so the fake assumes it was: only
   * `Notification.handleActivation` hears it, as notification.md says it always does.
   */
  clickInActionCenter(): void {
    if (this.center.platform.os !== 'win32') refuse('only Windows keeps timed-out notifications in Action Center');
    if (!this.center.inActionCenter.includes(this)) refuse('this notification is not in Action Center');
    this.center.inActionCenter = this.center.inActionCenter.filter((each) => each !== this);
    this.center.activationHandler?.({ type: 'click', arguments: '' });
  }
  /**
   * docs/tutorial/notifications.md: "Unsigned binaries will emit a `failed` event" (macOS); on
   * Windows, without a Start-menu shortcut carrying the AUMID, show() fails the same way.
   */
  fail(error = 'Notifications are not allowed for this application'): void {
    if (this.center.platform.os === 'linux') refuse("'failed' is macOS/Windows only (notification.md)");
    this.emit('failed', {}, error);
  }
}
