// Renaming a font inside its file. Pretendard's licence (SIL OFL 1.1) reserves the name
// "Pretendard": a modified version — the site's files cut to its characters are one — must not be
// called by it. So the cut files get another name in every `name` record that names the font
// (family, full, PostScript and unique names, typographic family, variation prefix, and the
// names the `fvar` instances point to), while the notices (copyright, trademark, licence,
// description, vendor and designer) stay as they are. Only the `name` table changes; every other
// table is copied byte for byte (head's checkSumAdjustment is recomputed, as it must be).

/** Changes with any change to what renameFont writes (the site's font cache is keyed on it). */
export const FONT_NAMES_VERSION = 1;

/** Name IDs never renamed: notices and credits (OpenType `name` table, Name IDs). */
export const KEPT_NAME_IDS: ReadonlySet<number> = new Set([0, 5, 7, 8, 9, 10, 11, 12, 13, 14]);

export interface SfntTable {
  tag: string;
  checksum: number;
  offset: number;
  length: number;
}

export interface NameRecord {
  platformID: number;
  encodingID: number;
  languageID: number;
  nameID: number;
  value: string;
}

export interface FontRename {
  /** The reserved name, as it appears in the records (e.g. "Pretendard"). */
  from: string;
  /** The new name where spaces may appear (e.g. "Notes Sans"). */
  to: string;
  /** The new name in PostScript names, without spaces (e.g. "NotesSans"). */
  toPostScript: string;
}

function tagAt(font: Uint8Array, at: number): string {
  return String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** The table directory of an uncompressed SFNT (TrueType or OpenType, not a collection). */
export function sfntTables(font: Uint8Array): SfntTable[] {
  const dv = view(font);
  const flavor = dv.getUint32(0);
  if (flavor !== 0x00010000 && flavor !== 0x4f54544f && flavor !== 0x74727565) {
    throw new Error(`not an SFNT font (flavor 0x${flavor.toString(16)})`);
  }
  const tables: SfntTable[] = [];
  for (let i = 0; i < dv.getUint16(4); i++) {
    const at = 12 + i * 16;
    tables.push({ tag: tagAt(font, at), checksum: dv.getUint32(at + 4), offset: dv.getUint32(at + 8), length: dv.getUint32(at + 12) });
  }
  return tables;
}

/** A table's bytes, or undefined when the font has none. */
export function sfntTable(font: Uint8Array, tag: string): Uint8Array | undefined {
  const t = sfntTables(font).find((x) => x.tag === tag);
  return t && font.subarray(t.offset, t.offset + t.length);
}

/** The OpenType table checksum: the sum of big-endian uint32s, the last one zero-padded. */
export function tableChecksum(bytes: Uint8Array): number {
  let sum = 0;
  const whole = bytes.length & ~3;
  const dv = view(bytes);
  for (let i = 0; i < whole; i += 4) sum = (sum + dv.getUint32(i)) >>> 0;
  if (whole < bytes.length) {
    let last = 0;
    for (let i = 0; i < 4; i++) last = (last << 8) | (bytes[whole + i] ?? 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

// Windows and Unicode platform strings are UTF-16BE; Macintosh ones are single-byte (Mac Roman,
// read as Latin-1: the ASCII name is replaced and any other byte kept).
const isUtf16 = (platformID: number) => platformID === 0 || platformID === 3;

function decode(bytes: Uint8Array, platformID: number): string {
  if (!isUtf16(platformID)) return Buffer.from(bytes).toString('latin1');
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return s;
}

function encode(value: string, platformID: number): Uint8Array {
  if (!isUtf16(platformID)) return Buffer.from(value, 'latin1');
  const out = new Uint8Array(value.length * 2);
  for (let i = 0; i < value.length; i++) {
    out[i * 2] = value.charCodeAt(i) >> 8;
    out[i * 2 + 1] = value.charCodeAt(i) & 0xff;
  }
  return out;
}

interface RawRecord extends Omit<NameRecord, 'value'> {
  bytes: Uint8Array;
}

interface NameTable {
  format: number;
  records: RawRecord[];
  langTags: Uint8Array[];
}

function parseNameTable(table: Uint8Array): NameTable {
  const dv = view(table);
  const format = dv.getUint16(0);
  const count = dv.getUint16(2);
  const storage = dv.getUint16(4);
  const records: RawRecord[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 12;
    const length = dv.getUint16(at + 8);
    const offset = storage + dv.getUint16(at + 10);
    records.push({
      platformID: dv.getUint16(at),
      encodingID: dv.getUint16(at + 2),
      languageID: dv.getUint16(at + 4),
      nameID: dv.getUint16(at + 6),
      bytes: table.subarray(offset, offset + length),
    });
  }
  const langTags: Uint8Array[] = [];
  if (format === 1) {
    const tagsAt = 6 + count * 12;
    for (let i = 0; i < dv.getUint16(tagsAt); i++) {
      const length = dv.getUint16(tagsAt + 2 + i * 4);
      const offset = storage + dv.getUint16(tagsAt + 4 + i * 4);
      langTags.push(table.subarray(offset, offset + length));
    }
  }
  return { format, records, langTags };
}

function writeNameTable({ format, records, langTags }: NameTable): Uint8Array {
  const headerSize = 6 + records.length * 12 + (format === 1 ? 2 + langTags.length * 4 : 0);
  // Equal strings are stored once, as font tools do.
  const strings: Uint8Array[] = [];
  const offsets = new Map<string, number>();
  let storageSize = 0;
  const place = (bytes: Uint8Array) => {
    const key = Buffer.from(bytes).toString('hex');
    let at = offsets.get(key);
    if (at === undefined) {
      offsets.set(key, (at = storageSize));
      strings.push(bytes);
      storageSize += bytes.length;
    }
    return at;
  };
  const out = new Uint8Array(headerSize + records.reduce((n, r) => n + r.bytes.length, 0) + langTags.reduce((n, t) => n + t.length, 0));
  const dv = view(out);
  dv.setUint16(0, format);
  dv.setUint16(2, records.length);
  dv.setUint16(4, headerSize);
  records.forEach((r, i) => {
    const at = 6 + i * 12;
    dv.setUint16(at, r.platformID);
    dv.setUint16(at + 2, r.encodingID);
    dv.setUint16(at + 4, r.languageID);
    dv.setUint16(at + 6, r.nameID);
    dv.setUint16(at + 8, r.bytes.length);
    dv.setUint16(at + 10, place(r.bytes));
  });
  if (format === 1) {
    const tagsAt = 6 + records.length * 12;
    dv.setUint16(tagsAt, langTags.length);
    langTags.forEach((t, i) => {
      dv.setUint16(tagsAt + 2 + i * 4, t.length);
      dv.setUint16(tagsAt + 4 + i * 4, place(t));
    });
  }
  let at = headerSize;
  for (const s of strings) {
    out.set(s, at);
    at += s.length;
  }
  return out.subarray(0, at);
}

/** The font's `name` records, decoded. */
export function fontNames(font: Uint8Array): NameRecord[] {
  const table = sfntTable(font, 'name');
  if (!table) return [];
  return parseNameTable(table).records.map(({ bytes, ...r }) => ({ ...r, value: decode(bytes, r.platformID) }));
}

/** Name IDs of PostScript names: 6, the variations prefix (25) and what `fvar` instances point to. */
export function postScriptNameIds(font: Uint8Array): Set<number> {
  const ids = new Set([6, 25]);
  const fvar = sfntTable(font, 'fvar');
  if (fvar) {
    const dv = view(fvar);
    const [axesAt, axisCount, axisSize, instanceCount, instanceSize] = [4, 8, 10, 12, 14].map((o) => dv.getUint16(o)) as [number, number, number, number, number];
    // An instance record carries a PostScript name ID only when it is 6 bytes longer than its coordinates.
    if (instanceSize === axisCount * 4 + 6) {
      const first = axesAt + axisCount * axisSize;
      for (let i = 0; i < instanceCount; i++) ids.add(dv.getUint16(first + i * instanceSize + axisCount * 4 + 4));
    }
  }
  return ids;
}

/** A copy of `font` (uncompressed SFNT) with `rename.from` replaced in every name record that names the font. */
export function renameFont(font: Uint8Array, rename: FontRename): Uint8Array {
  const tables = sfntTables(font);
  const nameEntry = tables.find((t) => t.tag === 'name');
  if (!nameEntry) throw new Error('font has no name table');
  const postScript = postScriptNameIds(font);
  const parsed = parseNameTable(font.subarray(nameEntry.offset, nameEntry.offset + nameEntry.length));
  const records = parsed.records.map((r) => {
    if (KEPT_NAME_IDS.has(r.nameID)) return r;
    const value = decode(r.bytes, r.platformID);
    if (!value.includes(rename.from)) return r;
    const to = postScript.has(r.nameID) || r.nameID === 3 ? rename.toPostScript : rename.to;
    return { ...r, bytes: encode(value.replaceAll(rename.from, to), r.platformID) };
  });
  const name = writeNameTable({ ...parsed, records });

  // Tables are laid out in their old order, each at a 4-byte boundary; the directory keeps its order.
  const headerSize = 12 + tables.length * 16;
  const bodies = new Map(tables.map((t) => [t.tag, t.tag === 'name' ? name : font.subarray(t.offset, t.offset + t.length)]));
  const byOffset = [...tables].sort((a, b) => a.offset - b.offset);
  const newOffset = new Map<string, number>();
  let size = headerSize;
  for (const t of byOffset) {
    newOffset.set(t.tag, size);
    size += (bodies.get(t.tag)!.length + 3) & ~3;
  }
  const out = new Uint8Array(size);
  out.set(font.subarray(0, 12));
  const dv = view(out);
  tables.forEach((t, i) => {
    const body = bodies.get(t.tag)!;
    out.set(body, newOffset.get(t.tag)!);
    if (t.tag === 'head') dv.setUint32(newOffset.get(t.tag)! + 8, 0);
    const at = 12 + i * 16;
    out.set(font.subarray(at, at + 4), at);
    dv.setUint32(at + 4, tableChecksum(out.subarray(newOffset.get(t.tag)!, newOffset.get(t.tag)! + body.length)));
    dv.setUint32(at + 8, newOffset.get(t.tag)!);
    dv.setUint32(at + 12, body.length);
  });
  const head = newOffset.get('head');
  if (head !== undefined) dv.setUint32(head + 8, (0xb1b0afba - tableChecksum(out)) >>> 0);
  return out;
}
