import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { validateWithXmllint } from '../../../../tests/helpers/dawproject-schema.ts';
import { makeTempDir, removeDir } from '../../../../tests/helpers/temp-dir.ts';
import {
  type DawProjectInput,
  writeDawProjectMetadataXml,
  writeDawProjectXml,
  xmlEscape,
} from './dawproject.ts';

const input: DawProjectInput = {
  application: { name: 'Layerline', version: '0.1.0' },
  title: 'Rock & Roll <live>',
  tempo: 120,
  meter: { numerator: 3, denominator: 4 },
  markers: [{ seconds: 4, name: 'Chorus "big"' }],
  tracks: [
    {
      name: 'Drums',
      color: '#e0685b',
      path: 'audio/01_Drums_120bpm_Amin.wav',
      sampleRate: 48_000,
      channels: 2,
      positionSeconds: 0,
      lengthSeconds: 10.5,
      volume: 0.5,
      pan: -1,
      mute: false,
      solo: true,
    },
    {
      name: 'Bass',
      color: '#4aa3df',
      path: 'audio/02_Bass_120bpm_Amin.wav',
      sampleRate: 48_000,
      channels: 2,
      positionSeconds: 0,
      lengthSeconds: 10.5,
      volume: 3.9,
      pan: 0.5,
      mute: true,
      solo: false,
    },
  ],
  comment: '120 bpm, A minor',
};

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('layerline-dawproject-');
});
afterAll(async () => {
  await removeDir(dir);
});

describe('DAWproject XML', () => {
  it('project.xml validates against the official Project.xsd', async () => {
    const { valid, report } = await validateWithXmllint(
      writeDawProjectXml(input),
      'Project.xsd',
      dir,
    );
    expect(report).toContain('validates');
    expect(valid).toBe(true);
  });

  it('project.xml without markers still validates', async () => {
    const xml = writeDawProjectXml({ ...input, markers: [] });
    expect(xml).not.toContain('<Markers');
    expect((await validateWithXmllint(xml, 'Project.xsd', dir)).valid).toBe(true);
  });

  it('metadata.xml validates against the official MetaData.xsd', async () => {
    const { valid, report } = await validateWithXmllint(
      writeDawProjectMetadataXml(input),
      'MetaData.xsd',
      dir,
    );
    expect(report).toContain('validates');
    expect(valid).toBe(true);
  });

  it('the validation can fail: a misspelt element is reported', async () => {
    const broken = writeDawProjectXml(input)
      .replace('<Transport>', '<Transprt>')
      .replace('</Transport>', '</Transprt>');
    expect((await validateWithXmllint(broken, 'Project.xsd', dir)).valid).toBe(false);
  });

  it('carries each track’s name, volume, pan (normalised), mute, solo and file', () => {
    const xml = writeDawProjectXml(input);
    expect(xml).toContain('name="Drums"');
    expect(xml).toMatch(/<Volume [^>]*unit="linear"[^>]*value="0.5"/);
    expect(xml).toMatch(/<Pan [^>]*unit="normalized"[^>]*value="0"/);
    expect(xml).toMatch(/<Pan [^>]*value="0.75"/);
    expect(xml).toMatch(/<Mute [^>]*value="true"/);
    expect(xml).toMatch(/role="regular" solo="true"/);
    expect(xml).toContain('<File path="audio/02_Bass_120bpm_Amin.wav" external="false"/>');
    expect(xml).toContain('<Tempo id="id');
    expect(xml).toContain('name="Chorus &quot;big&quot;"');
  });
});

describe('xmlEscape', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlEscape(`a&b<c>"d'\u0001e`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;e');
  });
});
