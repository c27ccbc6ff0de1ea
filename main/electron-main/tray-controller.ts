import * as path from 'node:path';
import { trayIconFile } from '../desktop/tray-icons';
import { trayMenu, type TrayAction, type TrayMenuItem } from '../desktop/tray-menu';
import { trayLook, trayTooltip, type TrayInput } from '../desktop/tray-view';
import { menuLabel, type PlatformBehaviour } from '../desktop/platform-behaviour';
import type { MenuPort, MenuTemplateItem, TrayPort } from './electron-ports';

export interface TrayControllerDeps {
  Tray: new (image: string) => TrayPort;
  Menu: MenuPort;
  assetsDir: string;
  platform: NodeJS.Platform;
  behaviour: PlatformBehaviour;
  onAction(action: TrayAction): void;
  onClick(): void;
}

/** Owns the one tray icon; every render sets image, tooltip and a freshly built menu. */
export class TrayController {
  private readonly tray: TrayPort;

  constructor(
    private readonly deps: TrayControllerDeps,
    initial: TrayInput,
  ) {
    this.tray = new deps.Tray(this.iconFor(initial));
    this.tray.on('click', () => deps.onClick());
    this.render(initial);
  }

  render(input: TrayInput): void {
    this.tray.setImage(this.iconFor(input));
    this.tray.setToolTip(trayTooltip(input));
    // Linux (StatusNotifierItem) only picks up a changed menu when it is set again.
    this.tray.setContextMenu(this.deps.Menu.buildFromTemplate(trayMenu(input).map((item) => this.toTemplate(item))));
  }

  popUpMenu(): void {
    this.tray.popUpContextMenu();
  }

  dispose(): void {
    this.tray.destroy();
  }

  private iconFor(input: TrayInput): string {
    return path.join(this.deps.assetsDir, trayIconFile(trayLook(input), this.deps.platform));
  }

  private toTemplate(shown: TrayMenuItem): MenuTemplateItem {
    const item = shown.type === 'separator' ? shown : { ...shown, label: menuLabel(this.deps.behaviour, shown.label) };
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { type: 'submenu', label: item.label, submenu: item.submenu.map((child) => this.toTemplate(child)) };
      case 'radio':
      case 'checkbox':
        return { type: item.type, label: item.label, checked: item.checked, click: () => this.deps.onAction(item.action) };
      case 'normal': {
        const action = item.action;
        return action
          ? { type: 'normal', label: item.label, enabled: item.enabled, click: () => this.deps.onAction(action) }
          : { type: 'normal', label: item.label, enabled: item.enabled };
      }
    }
  }
}
