/**
 * Native drag-out: hands a rendered file to the OS drag (webContents.startDrag) so the user can
 * drop a track or clip onto a DAW or the file manager. Core renders the file; this only starts
 * the drag from the studio window.
 */
import { type BrowserWindow, nativeImage } from 'electron';

import { StudioError } from '../../app/errors.ts';
import type { DragOut } from '../core/ports.ts';

/** A 32×32 waveform glyph shown under the pointer while dragging (macOS needs an image). */
const DRAG_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAgElEQVR42mNgGAxAWcPw/0DgoekAr8X3h4YDiFFHkgNgBg4aBxCyYNA4AJ86ohyAy+JB6wBSHEoVB6BbQDUHEGsxsQ7A5hCqOoBUh+J0AK0sHnXAqANGHTB0yoFBUxIOeF0wZGpDmrcHBrxFNGjbhHRvFQ94v2DQ9Ixo0jccSAAAgQk4p32Mn9wAAAAASUVORK5CYII=';

export function windowDragOut(parent: () => BrowserWindow | null): DragOut {
  return {
    start({ path }) {
      const window = parent();
      if (window === null || window.isDestroyed()) {
        throw new StudioError('UNAVAILABLE', 'There is no studio window to drag from.');
      }
      window.webContents.startDrag({ file: path, icon: nativeImage.createFromDataURL(DRAG_ICON) });
    },
  };
}
