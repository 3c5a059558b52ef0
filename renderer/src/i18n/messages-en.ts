/**
 * English, the source language: every key of the interface, in the order of the screens.
 * Keys are `area.thing`; values use {name} parameters and ICU plural forms (format-message.ts).
 */
export const en = {
  'timeline.title': 'Timeline',
  'timeline.ruler': 'Ruler: click to move the playhead, drag to select a time range',
  'timeline.rulerHint': 'Click to move the playhead; drag to select a range',
  'timeline.tracks': 'Tracks',
  'timeline.emptyTitle': 'No tracks yet',
  'timeline.emptyHint':
    'Add a track for each part of the song (vocals, drums, bass, keys…) or drop audio files here.',

  'track.soloActive': 'Solo active',
  'view.mode': 'View',
  'view.timeline': 'Timeline',
  'view.list': 'List',
  'snap.label': 'Snap',
  'snap.hint': 'Snap to the grid (N); hold Alt while dragging to bypass',
  'zoom.group': 'Zoom',
  'zoom.in': 'Zoom in',
  'zoom.out': 'Zoom out',
  'zoom.fit': 'Fit',
  'zoom.selection': 'Selection',

  'track.label': 'Track {n}: {name}',
  'track.dragHint': 'Drag to reorder (or Alt+↑/↓)',
  'track.color': 'Colour of track {n}',
  'track.name': 'Name of track {n}',
  'track.instrument': 'Instrument of track {n}',
  'track.moveUp': 'Move track {n} up',
  'track.moveDown': 'Move track {n} down',
  'track.delete': 'Delete track {n}',
  'track.height': 'Height of track {n}',

  'lane.label': 'Clips on track {n}: {name}',
  'clip.label': '{name}, starts at {start}, {length}, {gain}',
  'clip.trimHint': 'Drag to trim',
  'clip.fadeInHint': 'Drag to change the fade-in',
  'clip.fadeOutHint': 'Drag to change the fade-out',
  'clip.gainHint': 'Drag up or down to change the clip gain (Shift: fine)',
} as const;
