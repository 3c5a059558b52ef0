/** Page helpers for the timeline: dropping files, reading the stored project, dragging. */
import { expect, type Locator, type Page } from '@playwright/test';

import { sine, wavBytes } from '../helpers/audio-fixtures.ts';
import { rpc, type Studio } from './studio.ts';

/** A stereo 48 kHz float WAV of `seconds`: two sines under a pulsing envelope (a shape to see). */
export function toneWav(seconds: number, freq = 220): Buffer {
  const rate = 48_000;
  const frames = Math.round(rate * seconds);
  const left = sine(frames, freq, rate, 0.5);
  const right = sine(frames, freq * 1.5, rate, 0.4);
  for (let i = 0; i < frames; i += 1) {
    const envelope = 0.35 + 0.65 * Math.abs(Math.sin((Math.PI * i) / rate));
    left[i] = (left[i] as number) * envelope;
    right[i] = (right[i] as number) * (1.35 - envelope);
  }
  return wavBytes({ kind: 'float', bits: 32, rate, channels: [left, right] });
}

/** Drops a file from "the desktop" onto `target`, `dx` pixels right of the lanes' left edge. */
export async function dropFile(
  page: Page,
  target: Locator,
  file: { name: string; bytes: Buffer },
  dx: number,
): Promise<void> {
  const box = await target.boundingBox();
  const lanes = await page.getByTestId('timeline-ruler').boundingBox();
  if (box === null || lanes === null) {
    throw new Error('drop target not visible');
  }
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name }) => {
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i += 1) {
        bytes[i] = binary.charCodeAt(i);
      }
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: 'audio/wav' }));
      return transfer;
    },
    { base64: file.bytes.toString('base64'), name: file.name },
  );
  const at = { clientX: lanes.x + dx, clientY: box.y + Math.min(20, box.height / 2) };
  await target.dispatchEvent('dragover', { dataTransfer, ...at });
  await target.dispatchEvent('drop', { dataTransfer, ...at });
}

export interface StoredClip {
  id: string;
  trackId: string;
  start: number;
  length: number;
  sourceOffset: number;
  gainDb: number;
  name: string;
}

export async function storedState(
  studio: Studio,
  projectId: string,
): Promise<{ tracks: { id: string; name: string }[]; clips: StoredClip[] }> {
  const snapshot = (await rpc(studio, 'project.get', { projectId })) as {
    state: { tracks: { id: string; name: string }[]; clips: StoredClip[] };
  };
  return snapshot.state;
}

export async function storedClips(studio: Studio, projectId: string): Promise<StoredClip[]> {
  return [...(await storedState(studio, projectId)).clips].sort((a, b) => a.start - b.start);
}

/** Drags with the mouse from a point of `locator` by (dx, dy), in steps, holding `modifier`. */
export async function dragBy(
  page: Page,
  locator: Locator,
  from: { x: number; y: number },
  by: { dx: number; dy?: number },
  modifier?: 'Alt' | 'Control',
): Promise<void> {
  const box = await locator.boundingBox();
  if (box === null) {
    throw new Error('drag source not visible');
  }
  const x = box.x + from.x;
  const y = box.y + from.y;
  await page.mouse.move(x, y);
  if (modifier !== undefined) {
    await page.keyboard.down(modifier);
  }
  await page.mouse.down();
  await page.mouse.move(x + by.dx, y + (by.dy ?? 0), { steps: 6 });
  await page.mouse.up();
  if (modifier !== undefined) {
    await page.keyboard.up(modifier);
  }
}

/** Waits (up to `timeout` ms) until the studio holds `count` clips; answers them in timeline order. */
export async function expectClipCount(
  studio: Studio,
  projectId: string,
  count: number,
  timeout?: number,
): Promise<StoredClip[]> {
  await expect
    .poll(
      async () => (await storedClips(studio, projectId)).length,
      timeout === undefined ? {} : { timeout },
    )
    .toBe(count);
  return storedClips(studio, projectId);
}
