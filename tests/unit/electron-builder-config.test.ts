/**
 * electron-builder.yml: the keys and targets packaging relies on, option names electron-builder
 * knows, paths that exist, and native binaries filtered per platform. (Packaging itself needs
 * GitHub and an Electron runtime, which build machines do not have.)
 */
import { access, glob, readFile } from 'node:fs/promises';
import { join, matchesGlob } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { REPO_ROOT } from '../helpers/server-process.ts';

interface Target {
  target: string;
  arch: string[];
}
interface Platform {
  target: Target[];
  files?: string[];
  [key: string]: unknown;
}
interface BuilderConfig {
  [key: string]: unknown;
  files: string[];
  extraResources: { from: string; to: string }[];
  asarUnpack: string[];
  directories: { output: string; buildResources: string };
  icon: string;
  win: Platform;
  mac: Platform;
  linux: Platform;
}

let config: BuilderConfig;
let schema: {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties: Record<string, unknown> }>;
};

const readJson = async <T>(path: string) =>
  JSON.parse(await readFile(join(REPO_ROOT, path), 'utf8')) as T;

beforeAll(async () => {
  config = parse(await readFile(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  schema = await readJson('node_modules/app-builder-lib/scheme.json');
});

const exists = (path: string) =>
  access(join(REPO_ROOT, path)).then(
    () => true,
    () => false,
  );

describe('electron-builder.yml', () => {
  it('names the app, the output folder and the Electron version we install', async () => {
    const pkg = await readJson<{ devDependencies: Record<string, string>; main: string }>(
      'package.json',
    );
    const electron = await readJson<{ version: string }>('node_modules/electron/package.json');
    expect(config.appId).toBe('app.layerline.studio');
    expect(config.productName).toBe('Layerline');
    expect(config.directories.output).toBe('release');
    expect(config.electronVersion).toBe('45.4.1');
    expect(pkg.devDependencies.electron).toBe(config.electronVersion);
    expect(electron.version).toBe(config.electronVersion);
    expect(config.npmRebuild).toBe(false);
    expect(config.publish).toBeNull();
    // The entry Electron runs is inside what is packaged.
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(matchesGlob(pkg.main, 'out/**')).toBe(true);
  });

  it('packs into asar and unpacks every kind of native file', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node', '**/*.so*', '**/*.dylib', '**/*.dll']);
    for (const file of [
      'node_modules/better-sqlite3/prebuilds/linux-x64.node',
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
      'node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/libonnxruntime.1.30.0.dylib',
      'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/DirectML.dll',
    ]) {
      expect(
        config.asarUnpack.some((pattern) => matchesGlob(file, pattern)),
        file,
      ).toBe(true);
    }
  });

  it('builds NSIS for Windows x64, dmg for both Macs, AppImage and deb for Linux x64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ]);
    expect(config.linux.maintainer).toEqual(expect.any(String));
  });

  it('uses only option names electron-builder knows (typos would be ignored silently)', () => {
    const unknown = (section: Record<string, unknown>, known: Record<string, unknown>) =>
      Object.keys(section).filter((key) => !(key in known));
    expect(unknown(config, schema.properties)).toEqual([]);
    const sections: [string, string][] = [
      ['win', 'WindowsConfiguration'],
      ['mac', 'MacConfiguration'],
      ['linux', 'LinuxConfiguration'],
      ['nsis', 'NsisOptions'],
      ['directories', 'MetadataDirectories'],
      ['electronFuses', 'FuseOptionsV1'],
    ];
    for (const [key, definition] of sections) {
      const section = config[key] as Record<string, unknown>;
      expect(section, key).toBeDefined();
      expect(unknown(section, schema.definitions[definition]!.properties), key).toEqual([]);
    }
  });

  it('names paths that exist: extra resources, build resources and a real 512 px PNG icon', async () => {
    expect(config.extraResources).toEqual([{ from: 'resources/', to: 'resources/' }]);
    for (const { from } of config.extraResources) {
      expect(await exists(from), from).toBe(true);
    }
    expect(await exists(config.directories.buildResources)).toBe(true);
    expect(await exists('resources/README.md')).toBe(true);
    const png = await readFile(join(REPO_ROOT, config.icon));
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
    expect(png.length).toBeLessThan(64 * 1024);
  });

  it("keeps each platform's own native binaries and drops the others'", async () => {
    const natives: string[] = [];
    for await (const file of glob(
      'node_modules/{onnxruntime-node/bin,better-sqlite3/prebuilds}/**/*.{node,so*,dylib,dll}',
      {
        cwd: REPO_ROOT,
      },
    )) {
      natives.push(file);
    }
    expect(natives.length).toBeGreaterThan(10);
    const packaged = (platform: Platform) => {
      const excludes = [...config.files, ...(platform.files ?? [])]
        .filter((p) => p.startsWith('!'))
        .map((p) => p.slice(1));
      return natives.filter((file) => !excludes.some((pattern) => matchesGlob(file, pattern)));
    };
    const ort = 'node_modules/onnxruntime-node/bin/napi-v6';
    const sqlite = 'node_modules/better-sqlite3/prebuilds';
    const expectations: [Platform, string[], RegExp][] = [
      [
        config.linux,
        [
          `${ort}/linux/x64/onnxruntime_binding.node`,
          `${ort}/linux/x64/libonnxruntime.so.1`,
          `${sqlite}/linux-x64.node`,
        ],
        /darwin|win32|arm64/,
      ],
      [
        config.win,
        [
          `${ort}/win32/x64/onnxruntime_binding.node`,
          `${ort}/win32/x64/onnxruntime.dll`,
          `${sqlite}/win32-x64.node`,
        ],
        /darwin|linux|arm64/,
      ],
      [
        config.mac,
        [
          `${ort}/darwin/arm64/onnxruntime_binding.node`,
          `${sqlite}/darwin-arm64.node`,
          `${sqlite}/darwin-x64.node`,
        ],
        /linux|win32/,
      ],
    ];
    for (const [platform, needed, foreign] of expectations) {
      const kept = packaged(platform);
      expect(kept).toEqual(expect.arrayContaining(needed));
      expect(
        kept.filter((file) => foreign.test(file.replace(/^node_modules\/[^/]+\//, ''))),
      ).toEqual([]);
    }
  });
});
