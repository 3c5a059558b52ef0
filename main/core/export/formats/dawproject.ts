/**
 * DAWproject (the open format read by Bitwig Studio, Studio One and Cubase): `project.xml` and
 * `metadata.xml` of a .dawproject container, valid against the official Project.xsd and
 * MetaData.xsd. One audio track per stem, routed to a master channel, holding one clip with the
 * stem at its position; the arrangement is timed in seconds so stems land sample-exact.
 */

export interface DawProjectTrack {
  name: string;
  /** "#rrggbb". */
  color: string;
  /** The audio file's path inside the container, e.g. "audio/01_Drums.wav". */
  path: string;
  sampleRate: number;
  channels: number;
  positionSeconds: number;
  lengthSeconds: number;
  /** Linear gain (1 = 0 dB). */
  volume: number;
  /** −1 = hard left, 0 = centre, 1 = hard right. */
  pan: number;
  mute: boolean;
  solo: boolean;
}

export interface DawProjectInput {
  application: { name: string; version: string };
  title: string;
  tempo: number;
  meter: { numerator: number; denominator: number };
  markers: readonly { seconds: number; name: string }[];
  tracks: readonly DawProjectTrack[];
  comment?: string;
}

/** Largest volume the faders offer: +12 dB, the studio's own gain limit. */
const MAX_VOLUME = 10 ** (12 / 20);

/** Escapes text for an XML attribute or element; drops characters XML 1.0 cannot hold. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

type Attributes = Record<string, string | number | boolean | undefined>;

function element(name: string, attributes: Attributes, children: string[] = []): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${xmlEscape(String(value))}"`)
    .join('');
  if (children.length === 0) {
    return `<${name}${attrs}/>`;
  }
  return `<${name}${attrs}>\n${indent(children.join('\n'))}\n</${name}>`;
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

function idFactory(): () => string {
  let next = 0;
  return () => `id${next++}`;
}

interface ChannelSpec {
  id: string;
  name?: string;
  role: 'regular' | 'master';
  destination?: string;
  volume: number;
  pan: number;
  mute: boolean;
  solo: boolean;
}

function channel(spec: ChannelSpec, newId: () => string): string {
  return element(
    'Channel',
    {
      id: spec.id,
      name: spec.name,
      audioChannels: 2,
      destination: spec.destination,
      role: spec.role,
      solo: spec.solo,
    },
    [
      element('Mute', { id: newId(), name: 'Mute', value: spec.mute }),
      element('Pan', {
        id: newId(),
        name: 'Pan',
        unit: 'normalized',
        min: 0,
        max: 1,
        value: (spec.pan + 1) / 2,
      }),
      element('Volume', {
        id: newId(),
        name: 'Volume',
        unit: 'linear',
        min: 0,
        max: Math.max(MAX_VOLUME, spec.volume),
        value: spec.volume,
      }),
    ],
  );
}

function audioClip(track: DawProjectTrack, newId: () => string): string {
  return element(
    'Clip',
    {
      time: track.positionSeconds,
      duration: track.lengthSeconds,
      playStart: 0,
      name: track.name,
    },
    [
      element(
        'Audio',
        {
          id: newId(),
          channels: track.channels,
          sampleRate: track.sampleRate,
          duration: track.lengthSeconds,
          timeUnit: 'seconds',
        },
        [element('File', { path: track.path, external: false })],
      ),
    ],
  );
}

/** The text of project.xml. */
export function writeDawProjectXml(input: DawProjectInput): string {
  const newId = idFactory();
  const masterId = newId();
  const trackIds = input.tracks.map(() => ({ track: newId(), channel: newId() }));
  const structure = input.tracks.map((track, i) =>
    element(
      'Track',
      {
        id: trackIds[i]?.track,
        name: track.name,
        color: track.color,
        contentType: 'audio',
        loaded: true,
      },
      [
        channel(
          {
            id: trackIds[i]?.channel ?? newId(),
            role: 'regular',
            destination: masterId,
            volume: track.volume,
            pan: track.pan,
            mute: track.mute,
            solo: track.solo,
          },
          newId,
        ),
      ],
    ),
  );
  structure.push(
    channel(
      { id: masterId, name: 'Master', role: 'master', volume: 1, pan: 0, mute: false, solo: false },
      newId,
    ),
  );
  const lanes = input.tracks.map((track, i) =>
    element('Lanes', { id: newId(), track: trackIds[i]?.track }, [
      element('Clips', { id: newId() }, [audioClip(track, newId)]),
    ]),
  );
  const arrangement = [element('Lanes', { id: newId(), timeUnit: 'seconds' }, lanes)];
  if (input.markers.length > 0) {
    arrangement.push(
      element(
        'Markers',
        { id: newId(), timeUnit: 'seconds' },
        input.markers.map((marker) =>
          element('Marker', { time: marker.seconds, name: marker.name }),
        ),
      ),
    );
  }
  const project = element('Project', { version: '1.0' }, [
    element('Application', { ...input.application }),
    element('Transport', {}, [
      element('Tempo', {
        id: newId(),
        name: 'Tempo',
        unit: 'bpm',
        min: 20,
        max: 999,
        value: input.tempo,
      }),
      element('TimeSignature', { id: newId(), ...input.meter }),
    ]),
    element('Structure', {}, structure),
    element('Arrangement', { id: newId() }, arrangement),
  ]);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${project}\n`;
}

/** The text of metadata.xml. */
export function writeDawProjectMetadataXml(input: DawProjectInput): string {
  const children = [`<Title>${xmlEscape(input.title)}</Title>`];
  if (input.comment !== undefined) {
    children.push(`<Comment>${xmlEscape(input.comment)}</Comment>`);
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<MetaData>\n${indent(children.join('\n'))}\n</MetaData>\n`;
}
