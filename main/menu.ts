// The native menu bar, as plain data first (buildMenuTemplate: testable under Node), then turned
// into Electron's template with click handlers (toElectronTemplate).
//
// Commands go to the focused window as `menu:command` (the renderer's editor runs them); a few
// need no document and are run by main itself (see MAIN_COMMANDS). The recent-files submenu
// opens paths directly.
import type { MenuItemConstructorOptions } from 'electron';
import type { Locale, MenuCommand, RecentFile } from './ipc/contract';
import { strings } from './i18n';

export type Platform = 'darwin' | 'win32' | 'linux' | (string & {});

type RoleName = NonNullable<MenuItemConstructorOptions['role']>;

export type MenuItemSpec =
  | {
      type: 'command';
      command: MenuCommand;
      label: string;
      accelerator?: string;
      /**
       * false: the shortcut is shown but not registered with the OS, so the key still reaches
       * text fields (Backspace/Delete would otherwise never delete a character); the renderer
       * handles the key itself.
       */
      registerAccelerator?: boolean;
    }
  | { type: 'recent'; path: string; label: string }
  | { type: 'clear-recent'; label: string; enabled: boolean }
  | { type: 'placeholder'; label: string }
  | { type: 'role'; role: RoleName; label: string }
  | { type: 'separator' }
  | { type: 'submenu'; label: string; submenu: MenuItemSpec[] };

export interface MenuSpec {
  id: 'app' | 'file' | 'edit' | 'view' | 'layout' | 'window' | 'help';
  label: string;
  /** Electron role for the top-level menu where macOS gives it special treatment. */
  role?: 'windowMenu' | 'help';
  submenu: MenuItemSpec[];
}

/** Commands main runs itself: they need no document (and work with no window open on macOS). */
export const MAIN_COMMANDS: ReadonlySet<MenuCommand> = new Set<MenuCommand>(['file.open', 'help.openSample', 'help.about']);

/** Keyboard shortcuts; the same on every platform except where noted. */
export function acceleratorFor(command: MenuCommand, platform: Platform): string | undefined {
  switch (command) {
    case 'file.new':
      return 'CmdOrCtrl+N';
    case 'file.open':
      return 'CmdOrCtrl+O';
    case 'file.save':
      return 'CmdOrCtrl+S';
    case 'file.saveAs':
      return 'CmdOrCtrl+Shift+S';
    case 'file.exportPdf':
      return 'CmdOrCtrl+E';
    case 'file.close':
      return 'CmdOrCtrl+W';
    case 'edit.undo':
      return 'CmdOrCtrl+Z';
    case 'edit.redo':
      // Windows programs redo with Ctrl+Y; macOS and Linux desktops with Shift+Cmd/Ctrl+Z.
      return platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z';
    case 'edit.cut':
      return 'CmdOrCtrl+X';
    case 'edit.copy':
      return 'CmdOrCtrl+C';
    case 'edit.paste':
      return 'CmdOrCtrl+V';
    case 'edit.delete':
      // The Mac keyboard's "delete" key is Backspace.
      return platform === 'darwin' ? 'Backspace' : 'Delete';
    case 'edit.selectAll':
      return 'CmdOrCtrl+A';
    case 'view.zoomIn':
      return 'CmdOrCtrl+Plus';
    case 'view.zoomOut':
      return 'CmdOrCtrl+-';
    case 'view.fitPage':
      return 'CmdOrCtrl+0';
    case 'view.actualSize':
      return 'CmdOrCtrl+1';
    case 'view.toggleGrid':
      // As in InDesign and QuarkXPress, whose users lay out most Chinese papers.
      return "CmdOrCtrl+'";
    default:
      return undefined;
  }
}

export interface MenuOptions {
  /** Adds View > Developer Tools (development builds only). */
  devTools?: boolean;
}

export function buildMenuTemplate(locale: Locale, platform: Platform, recent: readonly RecentFile[], opts: MenuOptions = {}): MenuSpec[] {
  const s = strings(locale);
  const mac = platform === 'darwin';
  const cmd = (command: MenuCommand): MenuItemSpec => {
    const accelerator = acceleratorFor(command, platform);
    const item: MenuItemSpec = { type: 'command', command, label: s.commands[command] };
    if (accelerator) item.accelerator = accelerator;
    // A plain key with no modifier must not be taken from text fields.
    if (accelerator && !accelerator.includes('+')) item.registerAccelerator = false;
    return item;
  };
  const sep: MenuItemSpec = { type: 'separator' };
  // Distinct names can share a file name in different folders; show the folder then.
  const names = new Map<string, number>();
  for (const r of recent) names.set(r.name, (names.get(r.name) ?? 0) + 1);
  const recentItems: MenuItemSpec[] = recent.length
    ? recent.map((r) => ({ type: 'recent', path: r.path, label: (names.get(r.name) ?? 0) > 1 ? r.path : r.name }))
    : [{ type: 'placeholder', label: s.menu.noRecent }];

  const menus: MenuSpec[] = [];
  if (mac) {
    menus.push({
      id: 'app',
      label: s.menu.app,
      submenu: [
        cmd('help.about'),
        sep,
        { type: 'role', role: 'services', label: s.menu.services },
        sep,
        { type: 'role', role: 'hide', label: s.menu.hide },
        { type: 'role', role: 'hideOthers', label: s.menu.hideOthers },
        { type: 'role', role: 'unhide', label: s.menu.showAll },
        sep,
        { type: 'role', role: 'quit', label: `${s.menu.quit}${locale === 'zh' ? '版面' : ' Banmian'}` },
      ],
    });
  }
  menus.push({
    id: 'file',
    label: s.menu.file,
    submenu: [
      cmd('file.new'),
      cmd('file.open'),
      {
        type: 'submenu',
        label: s.menu.openRecent,
        submenu: [...recentItems, sep, { type: 'clear-recent', label: s.menu.clearRecent, enabled: recent.length > 0 }],
      },
      sep,
      cmd('file.save'),
      cmd('file.saveAs'),
      sep,
      cmd('file.exportPdf'),
      sep,
      cmd('file.close'),
      ...(mac ? [] : [sep, { type: 'role', role: 'quit', label: s.menu.quit } satisfies MenuItemSpec]),
    ],
  });
  menus.push({
    id: 'edit',
    label: s.menu.edit,
    submenu: [cmd('edit.undo'), cmd('edit.redo'), sep, cmd('edit.cut'), cmd('edit.copy'), cmd('edit.paste'), cmd('edit.delete'), sep, cmd('edit.selectAll')],
  });
  menus.push({
    id: 'view',
    label: s.menu.view,
    submenu: [
      cmd('view.zoomIn'),
      cmd('view.zoomOut'),
      cmd('view.fitPage'),
      cmd('view.actualSize'),
      sep,
      cmd('view.toggleGrid'),
      ...(opts.devTools ? [sep, { type: 'role', role: 'toggleDevTools', label: s.menu.toggleDevTools } satisfies MenuItemSpec] : []),
    ],
  });
  menus.push({
    id: 'layout',
    label: s.menu.layout,
    submenu: [cmd('layout.addPage'), cmd('layout.duplicatePage'), cmd('layout.deletePage'), sep, cmd('layout.threadText'), cmd('layout.textWrap')],
  });
  if (mac) {
    menus.push({
      id: 'window',
      label: s.menu.window,
      role: 'windowMenu',
      submenu: [
        { type: 'role', role: 'minimize', label: s.menu.minimize },
        { type: 'role', role: 'zoom', label: s.menu.zoomWindow },
        sep,
        { type: 'role', role: 'front', label: s.menu.front },
      ],
    });
  }
  menus.push({
    id: 'help',
    label: s.menu.help,
    role: 'help',
    submenu: mac ? [cmd('help.openSample')] : [cmd('help.openSample'), sep, cmd('help.about')],
  });
  return menus;
}

export interface MenuActions {
  command(command: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
}

/** Electron's template for Menu.buildFromTemplate, with the click handlers. */
export function toElectronTemplate(menus: readonly MenuSpec[], actions: MenuActions): MenuItemConstructorOptions[] {
  const item = (spec: MenuItemSpec): MenuItemConstructorOptions => {
    switch (spec.type) {
      case 'command': {
        const o: MenuItemConstructorOptions = { id: spec.command, label: spec.label, click: () => actions.command(spec.command) };
        if (spec.accelerator) o.accelerator = spec.accelerator;
        if (spec.registerAccelerator === false) o.registerAccelerator = false;
        return o;
      }
      case 'recent':
        return { label: spec.label, click: () => actions.openRecent(spec.path) };
      case 'clear-recent':
        return { label: spec.label, enabled: spec.enabled, click: () => actions.clearRecent() };
      case 'placeholder':
        return { label: spec.label, enabled: false };
      case 'role':
        return { role: spec.role, label: spec.label };
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: spec.label, submenu: spec.submenu.map(item) };
    }
  };
  return menus.map((m) => {
    const o: MenuItemConstructorOptions = { label: m.label, submenu: m.submenu.map(item) };
    if (m.role) o.role = m.role;
    return o;
  });
}

/** Every command item in a template, depth first (for tests and for enabling/disabling). */
export function commandItems(menus: readonly MenuSpec[]): Array<Extract<MenuItemSpec, { type: 'command' }>> {
  const out: Array<Extract<MenuItemSpec, { type: 'command' }>> = [];
  const walk = (items: readonly MenuItemSpec[]) => {
    for (const i of items) {
      if (i.type === 'command') out.push(i);
      else if (i.type === 'submenu') walk(i.submenu);
    }
  };
  for (const m of menus) walk(m.submenu);
  return out;
}
