import type { InvokeEvent, NavigationEvent, WebContentsPort, WindowPort } from '../../../main/electron-main/electron-ports';
import type { LoginWindowOptions } from '../../../main/desktop/login-window-options';
import type { SsoWindowOptions } from '../../../main/desktop/sso-window-options';
import { Emitter, refuse } from './emitter';
import type { FakeMenu } from './fake-menu';
import type { FakePlatform } from './fake-platform';

/** shell/common/gin_helper/function_template.h:206: any method of a destroyed wrapper throws this TypeError. */
const DESTROYED = 'Object has been destroyed';

let nextWebContentsId = 100;

export type PageLoader = (url: string) => Promise<Response | undefined>;

export class FakeWebContents extends Emitter implements WebContentsPort {
  readonly id = nextWebContentsId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  /** The committed main-frame URL (`getURL`), and the body of the last page loaded from the network. */
  private currentUrl = '';
  lastPageBody = '';
  /**
   * What the loaded page's own scripts do while it loads (between commit and `did-finish-load`):
   * the fake runs no JavaScript, so a test plays it, e.g. a script that sets `location.hash`.
   */
  pageScript?: (url: string, body: string) => void;
  private openHandler?: () => { action: 'deny' };
  private destroyedFlag = false;

  private alive(): void {
    if (this.destroyedFlag) refuse(DESTROYED, 'TypeError');
  }
  markDestroyed(): void {
    this.destroyedFlag = true;
    this.emit('destroyed');
  }
  get destroyed(): boolean {
    return this.destroyedFlag;
  }
  get windowOpenHandler(): (() => { action: 'deny' }) | undefined {
    return this.openHandler;
  }
  setWindowOpenHandler(handler: () => { action: 'deny' }): void {
    this.alive();
    this.openHandler = handler;
  }
  /** docs/api/web-contents.md `send`: arguments are serialized with the Structured Clone Algorithm. */
  send(channel: string, ...args: unknown[]): void {
    this.alive();
    this.sent.push({ channel, args: structuredClone(args) });
  }
  getURL(): string {
    this.alive();
    return this.currentUrl;
  }
  commit(url: string): void {
    this.currentUrl = url;
  }
  /**
   * A same-document navigation (a script setting `location.hash`): docs/api/web-contents.md
   * `did-navigate-in-page` (event, url, isMainFrame, …); `did-navigate` is not emitted for these.
   */
  navigateInPage(url: string): void {
    this.alive();
    this.currentUrl = url;
    this.emit('did-navigate-in-page', {}, url, true, 0, 0);
  }
  /** `isDestroyed` is the one call a destroyed wrapper still answers (gin_helper::Destroyable). */
  isDestroyed(): boolean {
    return this.destroyedFlag;
  }
  /** Plays a navigation attempt; true when the app prevented it. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate'): boolean {
    let prevented = false;
    const navigation: NavigationEvent = { preventDefault: () => (prevented = true) };
    this.emit(event, navigation, 'https://evil.example/');
    return prevented;
  }
}

export interface FakeWindowContext {
  platform: FakePlatform;
  log: string[];
  load: PageLoader;
  /** The application menu as a new window on Windows/Linux gets it (docs/api/menu.md `setApplicationMenu`). */
  applicationMenu(): FakeMenu | 'default' | null;
  onClosed(window: FakeWindow): void;
}

/** Electron's BrowserWindow as the login window uses it (docs/api/browser-window.md). */
export class FakeWindow extends Emitter implements WindowPort {
  private readonly contents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  /** On Windows and Linux the application menu becomes each window's menu bar; macOS has none per window. */
  readonly menuBar: FakeMenu | 'default' | null;
  shown = 0;
  private destroyedFlag = false;
  private closing = false;

  constructor(
    readonly options: LoginWindowOptions | SsoWindowOptions,
    private readonly context: FakeWindowContext,
  ) {
    super();
    context.log.push('window:created');
    this.menuBar = context.platform.os === 'darwin' ? null : context.applicationMenu();
  }

  private alive(): void {
    if (this.destroyedFlag) refuse(DESTROYED, 'TypeError');
  }

  get webContents(): FakeWebContents {
    this.alive();
    return this.contents;
  }
  /** The window's webContents even after destroy, for a test to inspect. */
  get contentsForTest(): FakeWebContents {
    return this.contents;
  }
  get destroyed(): boolean {
    return this.destroyedFlag;
  }

  /**
   * docs/api/web-contents.md `loadURL`: resolves on `did-finish-load`, rejects on `did-fail-load`.
   * The page comes from the registered protocol handler; an unhandled scheme fails the load
   * (net::ERR_UNKNOWN_URL_SCHEME). `ready-to-show` follows the first paint, except on native
   * Wayland, where it may never fire (electron/electron#48859): the fake takes the worst case.
   */
  async loadURL(url: string): Promise<void> {
    this.alive();
    this.loadedUrls.push(url);
    if (/^https?:/i.test(url)) return this.loadFromNetwork(url);
    const response = await this.context.load(url);
    if (this.destroyedFlag) throw new Error(`ERR_ABORTED (-3) loading '${url}'`);
    if (!response) {
      this.contents.emit('did-fail-load', {}, -302, 'ERR_UNKNOWN_URL_SCHEME', url);
      throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
    }
    await response.arrayBuffer();
    this.contents.emit('dom-ready');
    this.contents.emit('did-finish-load');
    if (this.context.platform.display !== 'wayland') setImmediate(() => !this.destroyedFlag && this.emit('ready-to-show'));
  }
  /**
   * An http(s) page, fetched for real (the stand-in server, the fake provider): each server-side
   * redirect is offered as `will-redirect` first (docs: "calling event.preventDefault() will prevent
   * the navigation", the load then fails with ERR_ABORTED -3); the final answer commits with
   * `did-navigate` (event, url, httpResponseCode, httpStatusText), whatever its status, then
   * `did-finish-load`. An unreachable host fails with `did-fail-load` (-102 ERR_CONNECTION_REFUSED).
   */
  private async loadFromNetwork(url: string, init: RequestInit = {}): Promise<void> {
    let current = url;
    let request = init;
    for (let hop = 0; hop < 20; hop += 1) {
      let response: Response;
      try {
        response = await fetch(current, { ...request, redirect: 'manual' });
      } catch {
        if (this.destroyedFlag) throw new Error(`ERR_ABORTED (-3) loading '${url}'`);
        this.contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', current, true);
        throw new Error(`ERR_CONNECTION_REFUSED (-102) loading '${url}'`);
      }
      request = {};
      if (this.destroyedFlag) throw new Error(`ERR_ABORTED (-3) loading '${url}'`);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        const next = new URL(location, current).toString();
        let prevented = false;
        this.contents.emit('will-redirect', { url: next, isMainFrame: true, preventDefault: () => (prevented = true) }, next);
        if (prevented || this.destroyedFlag) {
          if (!this.destroyedFlag) this.contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', next, true);
          throw new Error(`ERR_ABORTED (-3) loading '${url}'`);
        }
        current = next;
        continue;
      }
      this.contents.lastPageBody = await response.text();
      this.contents.commit(current);
      this.contents.emit('did-navigate', {}, current, response.status, response.statusText);
      if (!this.destroyedFlag) this.contents.pageScript?.(current, this.contents.lastPageBody);
      if (this.destroyedFlag) return;
      this.contents.emit('dom-ready');
      this.contents.emit('did-finish-load');
      return;
    }
    throw new Error(`ERR_TOO_MANY_REDIRECTS (-310) loading '${url}'`);
  }

  /**
   * The page navigates by itself (a link, a submitted form): `will-navigate` first, cancellable
   * (docs/api/web-contents.md: not emitted for `loadURL`), then the load as above.
   */
  async pageNavigates(url: string, init: RequestInit = {}): Promise<boolean> {
    this.alive();
    let prevented = false;
    this.contents.emit('will-navigate', { url, isMainFrame: true, preventDefault: () => (prevented = true) }, url);
    if (prevented) return false;
    await this.loadFromNetwork(url, init).catch(() => undefined);
    return true;
  }

  show(): void {
    this.alive();
    this.shown += 1;
  }
  focus(): void {
    this.alive();
  }
  restore(): void {
    this.alive();
  }
  isMinimized(): boolean {
    this.alive();
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyedFlag;
  }
  /**
   * docs/api/browser-window.md `close()`: emits `close` (cancellable with preventDefault); the
   * native window then goes away on a later turn and `closed` follows.
   */
  close(): void {
    this.alive();
    if (this.closing) return;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.closing = true;
    setImmediate(() => this.finish());
  }
  /** docs: "Force closing the window … close event will also not be emitted … guarantees the closed event will be emitted." */
  destroy(): void {
    if (this.destroyedFlag) return;
    this.finish();
  }
  private finish(): void {
    if (this.destroyedFlag) return;
    this.destroyedFlag = true;
    this.contents.markDestroyed();
    this.emit('closed');
    this.context.onClosed(this);
  }
  /** The IPC event a call from this window's login page carries (a destroyed frame has none). */
  invokeEvent(frame: Partial<{ url: string; parent: unknown }> = {}): InvokeEvent {
    return {
      sender: { id: this.contents.id },
      senderFrame: this.destroyedFlag ? null : { url: frame.url ?? 'app://rc-tray/login.html', parent: frame.parent ?? null },
    };
  }
}
