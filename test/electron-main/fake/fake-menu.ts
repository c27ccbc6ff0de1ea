import type { MenuTemplateItem } from '../../../main/electron-main/electron-ports';

/**
 * Electron's Menu as the app's tray sees it, following electron/electron lib/browser/api/menu.ts
 * and menu-item.ts: templates are validated, separators folded, radio items grouped, and
 * checkbox/radio state flips before the item's `click` runs.
 */
export class FakeMenuItem {
  readonly type: NonNullable<MenuTemplateItem['type']>;
  readonly label: string | undefined;
  readonly role: string | undefined;
  readonly enabled: boolean;
  readonly submenu: FakeMenuItem[] | undefined;
  groupId?: number;
  private state: boolean;
  private readonly onClick: (() => void) | undefined;
  private group?: FakeMenuItem[];

  constructor(readonly template: MenuTemplateItem) {
    // menu-item.ts: `type` defaults to 'submenu' when a submenu is given, else 'normal'.
    this.type = template.type ?? (template.submenu ? 'submenu' : 'normal');
    this.label = template.label;
    this.role = template.role;
    this.enabled = template.enabled ?? true;
    this.state = template.checked ?? false;
    this.onClick = template.click;
    // menu-item.ts: an array submenu goes through Menu.buildFromTemplate, so it is validated too.
    this.submenu = template.submenu ? buildItems(template.submenu) : undefined;
  }

  get checked(): boolean {
    return this.state;
  }

  /** menu.ts `insertItemByType` radio: setting any radio item checks it and unchecks its group. */
  set checked(value: boolean) {
    if (this.type !== 'radio' || !this.group) {
      this.state = value;
      return;
    }
    for (const other of this.group) other.state = false;
    this.state = true;
  }

  joinGroup(group: FakeMenuItem[], id: number): void {
    this.group = group;
    this.groupId = id;
  }

  /**
   * What a person's click does (menu-item.ts `this.click`): "Manually flip the checked flags when
   * clicked" for checkbox and radio items, then call the template's click. A disabled item or a
   * separator cannot be clicked at all.
   */
  click(): void {
    if (!this.enabled || this.type === 'separator' || this.type === 'submenu') throw new Error(`a person cannot click ${this.type} item '${this.label ?? ''}'${this.enabled ? '' : ' (disabled)'}`);
    if (this.type === 'checkbox' || this.type === 'radio') this.checked = !this.checked;
    this.onClick?.();
  }
}

let groupIds = 0;

/** menu.ts `areValidTemplateItems`: an item needs its own label or role, or to be a separator. */
function isValidTemplateItem(item: MenuTemplateItem): boolean {
  return item != null && typeof item === 'object' && (Object.hasOwn(item, 'label') || Object.hasOwn(item, 'role') || item.type === 'separator');
}

/** menu.ts `removeExtraSeparators`: adjacent separators fold into one, edge separators go. */
function removeExtraSeparators(items: MenuTemplateItem[]): MenuTemplateItem[] {
  const folded = items.filter((item, index, all) => item.type !== 'separator' || index === 0 || all[index - 1]?.type !== 'separator');
  return folded.filter((item, index, all) => item.type !== 'separator' || (index !== 0 && index !== all.length - 1));
}

function buildItems(template: MenuTemplateItem[]): FakeMenuItem[] {
  if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: Menu template must be an array');
  if (!template.every(isValidTemplateItem)) throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
  const items = removeExtraSeparators(template).map((item) => new FakeMenuItem(item));
  // menu.ts `generateGroupId`: radio items between two separators form one group.
  let group: FakeMenuItem[] | undefined;
  for (const item of items) {
    if (item.type === 'separator') group = undefined;
    if (item.type !== 'radio') continue;
    if (!group) {
      group = [];
      groupIds += 1;
    }
    group.push(item);
    item.joinGroup(group, groupIds);
  }
  // menu.ts (~line 97): "Ensure radio groups have at least one menu item selected".
  const groups = new Set(items.filter((item) => item.type === 'radio').map((item) => item.groupId));
  for (const id of groups) {
    const members = items.filter((item) => item.groupId === id);
    if (!members.some((item) => item.checked)) members[0]!.checked = true;
  }
  return items;
}

export class FakeMenu {
  readonly items: FakeMenuItem[];
  constructor(readonly template: MenuTemplateItem[]) {
    this.items = buildItems(template);
  }
}

/**
 * How Windows shows a menu label (docs/api/menu-item.md `label`; Win32 menus): `&` marks the
 * next letter as the mnemonic and is not shown, `&&` shows one `&`.
 */
export function win32DisplayedLabel(label: string): string {
  return label.replace(/&(&?)/g, (_all, second: string) => second);
}
