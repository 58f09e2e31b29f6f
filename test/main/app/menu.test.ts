// The native menu: every command in both languages and on every platform, with its shortcut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MenuCommand } from '../../../main/ipc/contract';
import { buildMenuTemplate, commandItems, toElectronTemplate, type MenuItemSpec, type MenuSpec } from '../../../main/menu';

const PLATFORMS = ['darwin', 'win32', 'linux'] as const;
const ALL = MenuCommand.options;
const HAN = /\p{Script=Han}/u;

/** The expected shortcut of each command; platform differences spelled out. */
function expectedAccelerator(cmd: MenuCommand, platform: string): string | undefined {
  const table: Partial<Record<MenuCommand, string>> = {
    'file.new': 'CmdOrCtrl+N',
    'file.open': 'CmdOrCtrl+O',
    'file.save': 'CmdOrCtrl+S',
    'file.saveAs': 'CmdOrCtrl+Shift+S',
    'file.exportPdf': 'CmdOrCtrl+E',
    'file.close': 'CmdOrCtrl+W',
    'edit.undo': 'CmdOrCtrl+Z',
    'edit.redo': platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z',
    'edit.cut': 'CmdOrCtrl+X',
    'edit.copy': 'CmdOrCtrl+C',
    'edit.paste': 'CmdOrCtrl+V',
    'edit.delete': platform === 'darwin' ? 'Backspace' : 'Delete',
    'edit.selectAll': 'CmdOrCtrl+A',
    'view.zoomIn': 'CmdOrCtrl+Plus',
    'view.zoomOut': 'CmdOrCtrl+-',
    'view.fitPage': 'CmdOrCtrl+0',
    'view.actualSize': 'CmdOrCtrl+1',
    'view.toggleGrid': "CmdOrCtrl+'",
  };
  return table[cmd];
}

function labels(items: readonly MenuItemSpec[]): string[] {
  return items.flatMap((i) => ('label' in i ? [i.label, ...(i.type === 'submenu' ? labels(i.submenu) : [])] : []));
}

for (const locale of ['zh', 'en'] as const) {
  for (const platform of PLATFORMS) {
    test(`menu ${locale}/${platform}: every command exactly once, with its shortcut`, () => {
      const menus = buildMenuTemplate(locale, platform, []);
      const items = commandItems(menus);
      assert.deepEqual(items.map((i) => i.command).sort(), [...ALL].sort());
      for (const i of items) {
        assert.ok(ALL.includes(i.command), i.command);
        assert.equal(i.accelerator, expectedAccelerator(i.command, platform), i.command);
      }
    });

    test(`menu ${locale}/${platform}: labels are ${locale === 'zh' ? 'Chinese' : 'English'}`, () => {
      const menus = buildMenuTemplate(locale, platform, []);
      const all = [...menus.map((m) => m.label), ...menus.flatMap((m) => labels(m.submenu))];
      for (const l of all) {
        if (locale === 'zh') assert.match(l, HAN, `"${l}" has no Chinese`);
        else assert.doesNotMatch(l, HAN, `"${l}" is not English`);
      }
    });
  }
}

test('menu zh: the top-level menus are 文件 编辑 视图 版面 帮助 (plus the app and window menus on macOS)', () => {
  assert.deepEqual(buildMenuTemplate('zh', 'win32', []).map((m) => m.label), ['文件', '编辑', '视图', '版面', '帮助']);
  assert.deepEqual(buildMenuTemplate('zh', 'darwin', []).map((m) => m.id), ['app', 'file', 'edit', 'view', 'layout', 'window', 'help']);
  assert.deepEqual(buildMenuTemplate('en', 'linux', []).map((m) => m.label), ['File', 'Edit', 'View', 'Layout', 'Help']);
});

test('menu zh: the File menu reads 新建 打开 最近打开 保存 另存为 导出 PDF 关闭', () => {
  const file = buildMenuTemplate('zh', 'darwin', []).find((m) => m.id === 'file')!;
  assert.deepEqual(
    file.submenu.filter((i) => i.type !== 'separator').map((i) => ('label' in i ? i.label : '')),
    ['新建', '打开…', '最近打开', '保存', '另存为…', '导出 PDF…', '关闭'],
  );
});

test('menu: the macOS app menu holds About and Quit; elsewhere Quit is in File and About in Help', () => {
  const mac = buildMenuTemplate('en', 'darwin', []);
  const app = mac.find((m) => m.id === 'app')!;
  assert.ok(app.submenu.some((i) => i.type === 'command' && i.command === 'help.about'));
  assert.ok(app.submenu.some((i) => i.type === 'role' && i.role === 'quit'));
  const win = buildMenuTemplate('en', 'win32', []);
  assert.ok(win.find((m) => m.id === 'file')!.submenu.some((i) => i.type === 'role' && i.role === 'quit'));
  assert.ok(win.find((m) => m.id === 'help')!.submenu.some((i) => i.type === 'command' && i.command === 'help.about'));
});

test('menu: plain-key shortcuts (Delete, Backspace) are shown but not registered, so text fields keep them', () => {
  for (const platform of PLATFORMS) {
    const del = commandItems(buildMenuTemplate('en', platform, [])).find((i) => i.command === 'edit.delete')!;
    assert.equal(del.registerAccelerator, false, platform);
    const save = commandItems(buildMenuTemplate('en', platform, [])).find((i) => i.command === 'file.save')!;
    assert.equal(save.registerAccelerator, undefined);
  }
});

function recentSubmenu(menus: MenuSpec[]): MenuItemSpec[] {
  const file = menus.find((m) => m.id === 'file')!;
  const sub = file.submenu.find((i) => i.type === 'submenu');
  assert.ok(sub && sub.type === 'submenu');
  return sub.submenu;
}

test('menu: Open Recent lists the files by name, folder only when two names clash', () => {
  const recent = [
    { path: '/a/tianshan.banmian', name: 'tianshan.banmian' },
    { path: '/b/tianshan.banmian', name: 'tianshan.banmian' },
    { path: '/a/x.banmian', name: 'x.banmian' },
  ];
  const sub = recentSubmenu(buildMenuTemplate('zh', 'linux', recent));
  assert.deepEqual(
    sub.filter((i) => i.type === 'recent').map((i) => [i.type === 'recent' && i.path, 'label' in i && i.label]),
    [
      ['/a/tianshan.banmian', '/a/tianshan.banmian'],
      ['/b/tianshan.banmian', '/b/tianshan.banmian'],
      ['/a/x.banmian', 'x.banmian'],
    ],
  );
  assert.ok(sub.some((i) => i.type === 'clear-recent' && i.enabled && i.label === '清除最近打开记录'));
});

test('menu: an empty Open Recent shows a disabled placeholder and a disabled Clear', () => {
  const sub = recentSubmenu(buildMenuTemplate('en', 'linux', []));
  assert.ok(sub.some((i) => i.type === 'placeholder' && i.label === '(None)'));
  assert.ok(sub.some((i) => i.type === 'clear-recent' && !i.enabled));
});

test('menu: the Electron template sends each command id, opens recent paths and clears the list', () => {
  const got: string[] = [];
  const tpl = toElectronTemplate(buildMenuTemplate('en', 'linux', [{ path: '/a/x.banmian', name: 'x.banmian' }]), {
    command: (c) => got.push(`command ${c}`),
    openRecent: (p) => got.push(`open ${p}`),
    clearRecent: () => got.push('clear'),
  });
  type Item = { label?: string; click?: (...a: never[]) => void; submenu?: unknown; accelerator?: string; id?: string };
  const walk = (items: Item[]): Item[] => items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? walk(i.submenu as Item[]) : [])]);
  const all = walk(tpl as Item[]);
  for (const i of all) i.click?.();
  const commands = got.filter((g) => g.startsWith('command ')).map((g) => g.slice(8));
  assert.deepEqual(commands.sort(), [...ALL].sort());
  assert.ok(got.includes('open /a/x.banmian'));
  assert.ok(got.includes('clear'));
  assert.equal(all.find((i) => i.id === 'file.saveAs')?.accelerator, 'CmdOrCtrl+Shift+S');
});

test('menu: Developer Tools appears only when asked for', () => {
  const has = (m: MenuSpec[]) => m.find((x) => x.id === 'view')!.submenu.some((i) => i.type === 'role' && i.role === 'toggleDevTools');
  assert.equal(has(buildMenuTemplate('en', 'linux', [])), false);
  assert.equal(has(buildMenuTemplate('en', 'linux', [], { devTools: true })), true);
});
