import { describe, expect, it } from 'vitest';
import { withWebmDuration } from './webmDuration';

/** An EBML element: ID bytes, a 1-byte size (or the 8-byte unknown size), data. */
function el(id: number[], data: number[], unknownSize = false): number[] {
  const size = unknownSize ? [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff] : [0x80 | data.length];
  return [...id, ...size, ...data];
}

const EBML_HEADER = el([0x1a, 0x45, 0xdf, 0xa3], el([0x42, 0x86], [1]));
const TIMECODE_SCALE = (ns: number) => el([0x2a, 0xd7, 0xb1], [(ns >> 16) & 0xff, (ns >> 8) & 0xff, ns & 0xff]);
const MUXING_APP = el([0x4d, 0x80], [...'Chrome'].map((ch) => ch.charCodeAt(0)));
const TRACKS = el([0x16, 0x54, 0xae, 0x6b], []);
const CLUSTER = el([0x1f, 0x43, 0xb6, 0x75], el([0xe7], [0]), true);
const SEGMENT_ID = [0x18, 0x53, 0x80, 0x67];
const INFO_ID = [0x15, 0x49, 0xa9, 0x66];

/** The Duration float and the Info's declared size, read back by scanning for their IDs. */
function readBack(bytes: Uint8Array): { duration: number; infoSize: number } {
  const find = (id: number[]) => bytes.findIndex((_, i) => id.every((b, j) => bytes[i + j] === b));
  const d = find([0x44, 0x89]);
  expect(d).toBeGreaterThan(0);
  const size = bytes[d + 2] & 0x7f;
  const view = new DataView(bytes.buffer, bytes.byteOffset + d + 3, size);
  const info = find(INFO_ID);
  return { duration: size === 8 ? view.getFloat64(0) : view.getFloat32(0), infoSize: bytes[info + 4] & 0x7f };
}

describe('withWebmDuration', () => {
  it("adds Duration to MediaRecorder's Info (unknown-size Segment), in TimecodeScale units, keeping every other byte", () => {
    const info = [...TIMECODE_SCALE(1_000_000), ...MUXING_APP];
    const before = Uint8Array.from([...EBML_HEADER, ...el(SEGMENT_ID, [...el(INFO_ID, info), ...TRACKS, ...CLUSTER], true)]);
    const after = withWebmDuration(before, 2345.5);
    expect(after.length).toBe(before.length + 11);
    const { duration, infoSize } = readBack(after);
    expect(duration).toBe(2345.5);
    expect(infoSize).toBe(info.length + 11);
    expect(Array.from(after.subarray(after.length - TRACKS.length - CLUSTER.length))).toEqual([...TRACKS, ...CLUSTER]);
    // A 100 us TimecodeScale counts ten ticks per millisecond.
    const fine = Uint8Array.from([...EBML_HEADER, ...el(SEGMENT_ID, [...el(INFO_ID, TIMECODE_SCALE(100_000)), ...CLUSTER], true)]);
    expect(readBack(withWebmDuration(fine, 40)).duration).toBe(400);
  });

  it('grows a known Segment size, overwrites an existing Duration, and leaves a file with a SeekHead alone', () => {
    const body = [...el(INFO_ID, TIMECODE_SCALE(1_000_000)), ...TRACKS];
    const known = Uint8Array.from([...EBML_HEADER, ...el(SEGMENT_ID, body)]);
    const grown = withWebmDuration(known, 10);
    expect(grown[EBML_HEADER.length + 4] & 0x7f).toBe(body.length + 11);
    const withDuration = withWebmDuration(grown, 99);
    expect(withDuration.length).toBe(grown.length);
    expect(readBack(withDuration).duration).toBe(99);
    const seek = Uint8Array.from([...EBML_HEADER, ...el(SEGMENT_ID, [...el([0x11, 0x4d, 0x9b, 0x74], []), ...body], true)]);
    expect(withWebmDuration(seek, 10)).toBe(seek);
    const notWebm = Uint8Array.of(1, 2, 3);
    expect(withWebmDuration(notWebm, 10)).toBe(notWebm);
  });
});
