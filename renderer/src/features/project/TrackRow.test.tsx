import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { db } from '../../../../app/timeline/units.ts';
import { makeTrack } from '../../testing/fake-studio.ts';
import { TrackRow } from './TrackRow.tsx';

afterEach(cleanup);

const track = makeTrack('Lead vocal', { gainDb: db(-6), pan: -0.25 });

function renderRow(fields: { index?: number; count?: number } = {}) {
  const onEdit = vi.fn();
  render(
    <ul>
      <TrackRow track={track} index={fields.index ?? 0} count={fields.count ?? 2} onEdit={onEdit} />
    </ul>,
  );
  return onEdit;
}

describe('TrackRow', () => {
  it('shows the track: name, instrument, mixer readouts, first-row move buttons', () => {
    renderRow();
    expect(screen.getByLabelText('Name of track 1')).toHaveProperty('value', 'Lead vocal');
    expect(screen.getByLabelText('Instrument of track 1')).toHaveProperty('value', 'vocals');
    expect(screen.getByLabelText('Volume of track 1').getAttribute('aria-valuetext')).toBe(
      '-6.0 dB',
    );
    expect(screen.getByLabelText('Pan of track 1').getAttribute('aria-valuetext')).toBe('L 25');
    expect(screen.getByRole('button', { name: 'Mute track 1' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(screen.getByRole('button', { name: 'Move track 1 up' })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('renames with one track.update edit when Enter is pressed', () => {
    const onEdit = renderRow();
    const field = screen.getByLabelText('Name of track 1');
    fireEvent.change(field, { target: { value: '  Backing vox ' } });
    expect(onEdit).not.toHaveBeenCalled();
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onEdit).toHaveBeenCalledExactlyOnceWith([
      { op: 'track.update', trackId: track.id, patch: { name: 'Backing vox' } },
    ]);
  });

  it('refuses an empty name with a message instead of an edit', () => {
    const onEdit = renderRow();
    const field = screen.getByLabelText('Name of track 1');
    fireEvent.change(field, { target: { value: '   ' } });
    fireEvent.blur(field);
    expect(onEdit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('A name cannot be empty.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('toggles mute and solo, commits volume on release, moves and deletes', () => {
    const onEdit = renderRow({ index: 1, count: 3 });
    fireEvent.click(screen.getByRole('button', { name: 'Mute track 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Solo track 2' }));
    fireEvent.change(screen.getByLabelText('Volume of track 2'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Move track 2 up' }));
    fireEvent.keyDown(screen.getByLabelText('Name of track 2'), { key: 'ArrowDown', altKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'Delete track 2' }));
    expect(onEdit.mock.calls.map(([edits]) => edits as unknown)).toEqual([
      [{ op: 'track.update', trackId: track.id, patch: { mute: true } }],
      [{ op: 'track.update', trackId: track.id, patch: { solo: true } }],
      [{ op: 'track.update', trackId: track.id, patch: { gainDb: 3 } }],
      [{ op: 'track.move', trackId: track.id, toIndex: 0 }],
      [{ op: 'track.move', trackId: track.id, toIndex: 2 }],
      [{ op: 'track.remove', trackId: track.id }],
    ]);
  });

  it('switches to a custom instrument only once a label is given', () => {
    const onEdit = renderRow();
    fireEvent.change(screen.getByLabelText('Instrument of track 1'), {
      target: { value: 'custom' },
    });
    expect(onEdit).not.toHaveBeenCalled();
    const label = screen.getByLabelText('Instrument of track 1: custom label');
    fireEvent.change(label, { target: { value: 'Choir' } });
    fireEvent.keyDown(label, { key: 'Enter' });
    expect(onEdit).toHaveBeenCalledExactlyOnceWith([
      {
        op: 'track.update',
        trackId: track.id,
        patch: { instrument: { kind: 'custom', label: 'Choir' } },
      },
    ]);
  });
});
