// The import boundaries of HOUSE_STYLE.md are enforced by eslint.config.mjs; this proves the
// rules fire (a rule that never fires would let the engine grow a React import unnoticed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function errors(filePath: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return (r?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

const CASES: Array<[string, string, string, boolean]> = [
  ['engine may not import React', 'renderer/engine/x.ts', "import React from 'react';\nexport const a = React;\n", true],
  ['engine may not import Konva', 'renderer/engine/x.ts', "import Konva from 'konva';\nexport const a = Konva;\n", true],
  ['engine may not import pdf-lib', 'renderer/engine/x.ts', "import { PDFDocument } from 'pdf-lib';\nexport const a = PDFDocument;\n", true],
  ['engine may not import electron', 'renderer/engine/x.ts', "import { app } from 'electron';\nexport const a = app;\n", true],
  ['engine may not touch the DOM', 'renderer/engine/x.ts', 'export const a = document.body;\n', true],
  ['engine may not read files', 'renderer/engine/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", true],
  ['engine may not import fontkit directly', 'renderer/engine/x.ts', "import * as fk from 'fontkit';\nexport const a = fk;\n", true],
  ['model may not import React', 'renderer/model/x.ts', "import React from 'react';\nexport const a = React;\n", true],
  ['model may not import the engine upwards? (engine imports model; model importing pdf is refused)', 'renderer/model/x.ts', "import { a } from '../pdf/writer';\nexport const b = a;\n", true],
  ['renderer may import types from main', 'renderer/ui/x.ts', "import type { Foo } from '../../main/ipc/contract';\nexport type B = Foo;\n", false],
  ['renderer may not import values from main', 'renderer/ui/x.ts', "import { foo } from '../../main/ipc/contract';\nexport const b = foo;\n", true],
  ['renderer may not import electron', 'renderer/ui/x.ts', "import { ipcRenderer } from 'electron';\nexport const b = ipcRenderer;\n", true],
  ['engine may import the model', 'renderer/engine/x.ts', "import { linePitch } from '../model/grid';\nexport const b = linePitch;\n", false],
];

for (const [name, file, code, refused] of CASES) {
  test(`import boundary: ${name}`, async () => {
    const errs = await errors(file, code);
    assert.equal(errs.length > 0, refused, errs.join('; ') || 'no error');
  });
}
