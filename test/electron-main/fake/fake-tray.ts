import type { MenuHandle, TrayPort } from '../../../main/electron-main/electron-ports';
import { Emitter, refuse } from './emitter';
import { FakeMenu, FakeMenuItem } from './fake-menu';
import type { FakePlatform } from './fake-platform';

/** Electron's Tray on one platform (docs/api/tray.md; shell/browser/api/electron_api_tray.cc). */
export class FakeTray extends Emitter implements TrayPort {
  readonly images: string[] = [];
  readonly toolTips: string[] = [];
  readonly menus: FakeMenu[] = [];
  /** Times the context menu actually opened on screen (natively or by `popUpContextMenu`). */
  menuOpens = 0;
  /** Calls to `popUpContextMenu`, whether or not the platform did anything. */
  popUpCalls = 0;
  private destroyedFlag = false;

  constructor(
    readonly initialImage: string,
    private readonly platform: FakePlatform,
    log: string[],
  ) {
    super();
    log.push('tray:created');
  }

  /** electron_api_tray.cc `Tray::CheckAlive`: every method of a destroyed tray throws "Tray is destroyed". */
  private alive(): void {
    if (this.destroyedFlag) refuse('Tray is destroyed');
  }

  setImage(image: string): void {
    this.alive();
    this.images.push(image);
  }
  setToolTip(toolTip: string): void {
    this.alive();
    this.toolTips.push(toolTip);
  }
  setContextMenu(menu: MenuHandle | null): void {
    this.alive();
    if (menu !== null && !(menu instanceof FakeMenu)) throw new TypeError('Error processing argument at index 0, conversion failure from ' + String(menu));
    if (menu) this.menus.push(menu);
  }
  /**
   * docs/api/tray.md: `tray.popUpContextMenu([menu, position])` is _macOS_ _Windows_ only;
   * shell/browser/ui/tray_icon_linux.h does not override `PopUpContextMenu`, so on Linux it is a no-op.
   */
  popUpContextMenu(): void {
    this.alive();
    this.popUpCalls += 1;
    if (this.platform.os !== 'linux' && this.menu.length > 0) this.menuOpens += 1;
  }
  destroy(): void {
    this.destroyedFlag = true;
  }
  isDestroyed(): boolean {
    return this.destroyedFlag;
  }
  get destroyed(): boolean {
    return this.destroyedFlag;
  }

  /**
   * A person's (left) click on the icon, as each OS reports it:
   * - macOS: shell/browser/ui/tray_icon_cocoa.mm `mouseDown:` emits `click` (handleClickNotifications)
   *   and then `[super mouseDown:]` opens the context menu natively (PR #24200).
   * - Windows: `click` only; the menu opens on a right click (`rightClick`).
   * - Linux: StatusNotifierItem "Activate" becomes `click` (docs: "might not necessarily be left
   *   mouse click"); many hosts open the menu themselves instead and send nothing.
   */
  click(): void {
    this.alive();
    this.emit('click', {}, {});
    if (this.platform.os === 'darwin' && this.menu.length > 0) this.menuOpens += 1;
  }

  /** A right click: the OS opens the context menu itself (Windows, and the SNI host on Linux). */
  rightClick(): void {
    this.alive();
    this.emit('right-click', {}, {});
    if (this.menu.length > 0) this.menuOpens += 1;
  }

  get image(): string {
    return this.images.at(-1) ?? this.initialImage;
  }
  get menu(): FakeMenuItem[] {
    return this.menus.at(-1)?.items ?? [];
  }
  /** Finds an item by its label path, e.g. ['Status', 'Busy']. */
  item(...labels: string[]): FakeMenuItem | undefined {
    let items: FakeMenuItem[] | undefined = this.menu;
    let found: FakeMenuItem | undefined;
    for (const label of labels) {
      found = items?.find((item) => item.label === label);
      items = found?.submenu;
    }
    return found;
  }
  labels(): string[] {
    return this.menu.map((item) => (item.type === 'separator' ? '---' : (item.label ?? '')));
  }
}
