/**
 * Proves the folder rules of DESIGN.md §3 bite: the repository's own eslint.config.js and
 * tsconfigs are copied into a scratch tree with deliberate violations, and ESLint must reject
 * each one (and accept the sanctioned exceptions).
 */
import { copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../helpers/server-process.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

const CONFIGS = [
  'eslint.config.js',
  'tsconfig.base.json',
  'app/tsconfig.json',
  'main/tsconfig.json',
  'preload/tsconfig.json',
  'renderer/tsconfig.json',
  'tools/tsconfig.json',
  'tests/tsconfig.json',
];

/** [file, source, expected rule hit or null for "must pass"]. */
const FILES: [string, string, RegExp | null][] = [
  [
    'app/uses-node.ts',
    "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
    /app\/ is pure/,
  ],
  [
    'app/uses-react.ts',
    "import { useState } from 'react';\nexport const f = useState;\n",
    /app\/ is pure/,
  ],
  [
    'app/uses-main.ts',
    "import { x } from '../main/core/ok.ts';\nexport const f = x;\n",
    /app\/ imports nothing outside app/,
  ],
  ['app/ok.ts', "import { z } from 'zod';\nexport const s = z.string();\n", null],
  ['main/core/ok.ts', 'export const x = 1;\n', null],
  [
    'main/core/uses-electron.ts',
    "import { app } from 'electron';\nexport const f = app;\n",
    /Only main\/electron and preload import electron/,
  ],
  [
    'main/core/uses-sqlite.ts',
    "import Database from 'better-sqlite3';\nexport const f = Database;\n",
    /Only main\/core\/db talks to SQLite/,
  ],
  [
    'main/core/db/uses-sqlite.ts',
    "import Database from 'better-sqlite3';\nexport const f = Database;\n",
    null,
  ],
  [
    'main/core/uses-ort.ts',
    "import { InferenceSession } from 'onnxruntime-node';\nexport const f = InferenceSession;\n",
    /Only the session pool/,
  ],
  [
    'main/core/inference/ort-session-pool.ts',
    "import { InferenceSession } from 'onnxruntime-node';\nexport const f = InferenceSession;\n",
    null,
  ],
  [
    'main/core/uses-host.ts',
    "import { y } from '../server/ok.ts';\nexport const f = y;\n",
    /main\/core never imports a host/,
  ],
  [
    'main/core/logs.ts',
    "export function f(): void {\n  console.log('x');\n}\n",
    /Unexpected console/,
  ],
  ['main/server/ok.ts', 'export const y = 2;\n', null],
  [
    'main/server/uses-electron.ts',
    "import { app } from 'electron';\nexport const f = app;\n",
    /Only main\/electron and preload import electron/,
  ],
  [
    'main/electron/uses-ipc.ts',
    "import { ipcMain } from 'electron';\nexport const f = ipcMain;\n",
    /Only ipc-router\.ts uses ipcMain/,
  ],
  [
    'main/electron/ipc-router.ts',
    "import { ipcMain } from 'electron';\nexport const f = ipcMain;\n",
    null,
  ],
  [
    'preload/uses-zod.ts',
    "import { z } from 'zod';\nexport const f = z;\n",
    /preload imports electron and app\/contract only/,
  ],
  [
    'preload/uses-model.ts',
    "import { s } from '../app/ok.ts';\nexport const f = s;\n",
    /preload imports only app\/contract/,
  ],
  ['app/contract/version.ts', 'export const CONTRACT_VERSION = 1;\n', null],
  ['preload/ok.ts', "import '../app/contract/version.ts';\nexport const v = 1;\n", null],
  [
    'preload/uses-contract-schemas.ts',
    "import { CONTRACT_VERSION } from '../app/contract/methods.ts';\nexport const v = CONTRACT_VERSION;\n",
    /preload imports only app\/contract/,
  ],
  [
    'renderer/src/uses-node.ts',
    "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
    /runs in a browser/,
  ],
  [
    'renderer/src/uses-main.ts',
    "import { x } from '../../main/core/ok.ts';\nexport const f = x;\n",
    /reaches main only through the contract/,
  ],
  [
    'renderer/src/uses-electron.ts',
    "import { ipcRenderer } from 'electron';\nexport const f = ipcRenderer;\n",
    /Only main\/electron and preload import electron/,
  ],
  ['tools/ok.ts', 'export const t = 1;\n', null],
  ['tests/ok.ts', 'export const t = 1;\n', null],
];

describe('layering lint rules', () => {
  let dir: string;
  let results: Map<string, string[]>;

  beforeAll(async () => {
    dir = await makeTempDir('layerline-lint-');
    for (const config of CONFIGS) {
      await mkdir(dirname(join(dir, config)), { recursive: true });
      await copyFile(join(REPO_ROOT, config), join(dir, config));
    }
    await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await copyFile(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
    for (const [file, source] of FILES) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), source);
    }
    const eslint = new ESLint({ cwd: dir });
    const reports = await eslint.lintFiles(FILES.map(([file]) => file));
    results = new Map(
      reports.map((report) => [
        report.filePath.slice(dir.length + 1),
        report.messages.map((m) => `${m.ruleId ?? 'parser'}: ${m.message}`),
      ]),
    );
  }, 120_000);

  afterAll(async () => {
    await removeDir(dir);
  });

  for (const [file, , expected] of FILES) {
    it(expected === null ? `accepts ${file}` : `rejects ${file}`, () => {
      expect(results.has(file)).toBe(true);
      const messages = results.get(file) ?? [];
      if (expected === null) {
        expect(messages).toEqual([]);
      } else {
        expect(messages.join('\n')).toMatch(expected);
      }
    });
  }
});
