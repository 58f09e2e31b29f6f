// The main process's own words: menu labels and native dialogs, in Chinese and English.
// The renderer has its own strings; these are only what main shows itself.
import type { Locale, MenuCommand } from './ipc/contract';

export interface MainStrings {
  menu: {
    app: string;
    file: string;
    edit: string;
    view: string;
    layout: string;
    window: string;
    help: string;
    openRecent: string;
    clearRecent: string;
    noRecent: string;
    quit: string;
    hide: string;
    hideOthers: string;
    showAll: string;
    services: string;
    minimize: string;
    zoomWindow: string;
    front: string;
    toggleDevTools: string;
  };
  commands: Record<MenuCommand, string>;
  dialogs: {
    unsavedMessage: (title: string) => string;
    unsavedDetail: string;
    save: string;
    dontSave: string;
    cancel: string;
    openIssueTitle: string;
    saveIssueTitle: string;
    importImagesTitle: string;
    exportPdfTitle: string;
    issueFilter: string;
    imageFilter: string;
    pdfFilter: string;
    iccProfileTitle: string;
    iccFilter: string;
    recoverMessage: (count: number) => string;
    recoverDetail: (titles: string[]) => string;
    recover: string;
    discard: string;
    later: string;
    openFailedTitle: string;
    aboutDetail: (version: string) => string;
  };
}

const zh: MainStrings = {
  menu: {
    app: '版面',
    file: '文件',
    edit: '编辑',
    view: '视图',
    layout: '版面',
    window: '窗口',
    help: '帮助',
    openRecent: '最近打开',
    clearRecent: '清除最近打开记录',
    noRecent: '（无）',
    quit: '退出',
    hide: '隐藏版面',
    hideOthers: '隐藏其他',
    showAll: '全部显示',
    services: '服务',
    minimize: '最小化',
    zoomWindow: '缩放',
    front: '前置全部窗口',
    toggleDevTools: '开发者工具',
  },
  commands: {
    'file.new': '新建',
    'file.open': '打开…',
    'file.save': '保存',
    'file.saveAs': '另存为…',
    'file.exportPdf': '导出 PDF…',
    'file.close': '关闭',
    'edit.undo': '撤销',
    'edit.redo': '重做',
    'edit.cut': '剪切',
    'edit.copy': '复制',
    'edit.paste': '粘贴',
    'edit.delete': '删除',
    'edit.selectAll': '全选',
    'view.zoomIn': '放大',
    'view.zoomOut': '缩小',
    'view.fitPage': '适合页面',
    'view.actualSize': '实际大小',
    'view.toggleGrid': '显示网格',
    'layout.addPage': '添加页面',
    'layout.duplicatePage': '复制页面',
    'layout.deletePage': '删除页面',
    'layout.threadText': '串接文本框',
    'layout.textWrap': '文字绕排',
    'help.about': '关于版面',
    'help.openSample': '打开示例版面',
  },
  dialogs: {
    unsavedMessage: (title) => `要保存对“${title}”的更改吗？`,
    unsavedDetail: '如果不保存，所做的更改将会丢失。',
    save: '保存',
    dontSave: '不保存',
    cancel: '取消',
    openIssueTitle: '打开版面',
    saveIssueTitle: '保存版面',
    importImagesTitle: '置入图片',
    exportPdfTitle: '导出 PDF',
    issueFilter: '版面文件',
    imageFilter: '图片',
    pdfFilter: 'PDF 文件',
    iccProfileTitle: '选择印厂色彩配置（CMYK 输出特性文件）',
    iccFilter: 'ICC 特性文件',
    recoverMessage: (n) => `上次有 ${n} 个版面未正常关闭，要恢复吗？`,
    recoverDetail: (titles) => `自动保存的版本：${titles.join('、')}。\n选择“以后再说”会保留这些文件，下次启动时再询问。`,
    recover: '恢复',
    discard: '丢弃',
    later: '以后再说',
    openFailedTitle: '无法打开文件',
    aboutDetail: (v) => `版本 ${v}\n社区报纸排版工具，离线使用。`,
  },
};

const en: MainStrings = {
  menu: {
    app: 'Banmian',
    file: 'File',
    edit: 'Edit',
    view: 'View',
    layout: 'Layout',
    window: 'Window',
    help: 'Help',
    openRecent: 'Open Recent',
    clearRecent: 'Clear Recent',
    noRecent: '(None)',
    quit: 'Quit',
    hide: 'Hide Banmian',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
    services: 'Services',
    minimize: 'Minimize',
    zoomWindow: 'Zoom',
    front: 'Bring All to Front',
    toggleDevTools: 'Developer Tools',
  },
  commands: {
    'file.new': 'New',
    'file.open': 'Open…',
    'file.save': 'Save',
    'file.saveAs': 'Save As…',
    'file.exportPdf': 'Export PDF…',
    'file.close': 'Close',
    'edit.undo': 'Undo',
    'edit.redo': 'Redo',
    'edit.cut': 'Cut',
    'edit.copy': 'Copy',
    'edit.paste': 'Paste',
    'edit.delete': 'Delete',
    'edit.selectAll': 'Select All',
    'view.zoomIn': 'Zoom In',
    'view.zoomOut': 'Zoom Out',
    'view.fitPage': 'Fit Page',
    'view.actualSize': 'Actual Size',
    'view.toggleGrid': 'Show Grid',
    'layout.addPage': 'Add Page',
    'layout.duplicatePage': 'Duplicate Page',
    'layout.deletePage': 'Delete Page',
    'layout.threadText': 'Thread Text Frames',
    'layout.textWrap': 'Text Wrap',
    'help.about': 'About Banmian',
    'help.openSample': 'Open Sample Issue',
  },
  dialogs: {
    unsavedMessage: (title) => `Do you want to save the changes to "${title}"?`,
    unsavedDetail: "Your changes will be lost if you don't save them.",
    save: 'Save',
    dontSave: "Don't Save",
    cancel: 'Cancel',
    openIssueTitle: 'Open Issue',
    saveIssueTitle: 'Save Issue',
    importImagesTitle: 'Place Images',
    exportPdfTitle: 'Export PDF',
    issueFilter: 'Banmian issues',
    imageFilter: 'Images',
    pdfFilter: 'PDF files',
    iccProfileTitle: "Choose the Plant's Colour Profile (CMYK Output Profile)",
    iccFilter: 'ICC profiles',
    recoverMessage: (n) => `${n === 1 ? 'An issue was' : `${n} issues were`} not closed properly last time. Recover ${n === 1 ? 'it' : 'them'}?`,
    recoverDetail: (titles) => `Autosaved: ${titles.join(', ')}.\n"Later" keeps the files and asks again at the next start.`,
    recover: 'Recover',
    discard: 'Discard',
    later: 'Later',
    openFailedTitle: 'Cannot open the file',
    aboutDetail: (v) => `Version ${v}\nOffline page layout for community newspapers.`,
  },
};

export const STRINGS: Readonly<Record<Locale, MainStrings>> = { zh, en };

export function strings(locale: Locale): MainStrings {
  return STRINGS[locale];
}
