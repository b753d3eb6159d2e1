// The site's font files are renamed: Pretendard's licence (SIL OFL 1.1) reserves the name
// "Pretendard", and a cut is a modified version (src/core/font-names.ts, src/site/font-subset.ts).
// Checked on a real cut of Pretendard, read back with HarfBuzz and fontkitten (other readers than
// the writer's).
import { readFileSync } from 'node:fs';
import fontverter from 'fontverter';
import { create, type Font } from 'fontkitten';
import { Blob, Face } from 'harfbuzzjs';
import subsetFont from 'subset-font';
import { beforeAll, describe, expect, it } from 'vitest';
import { FONT_FAMILY } from '../../src/core/font-slices.ts';
import { fontNames, KEPT_NAME_IDS, postScriptNameIds, renameFont, sfntTables, tableChecksum } from '../../src/core/font-names.ts';
import { cutFont, pretendardVariableFile, SITE_FONT_RENAME, SUBSET_OPTIONS } from '../../src/site/font-subset.ts';

const TEXT = '한글 가나다 ABC abc 0123 .,·';

let source: Buffer;
let original: Buffer;
let renamed: Uint8Array;

beforeAll(async () => {
  source = readFileSync(pretendardVariableFile());
  original = await subsetFont(source, TEXT, { ...SUBSET_OPTIONS, preserveNameIds: [...SUBSET_OPTIONS.preserveNameIds] });
  renamed = renameFont(original, SITE_FONT_RENAME);
}, 60_000);

const byId = (font: Uint8Array, nameID: number) => fontNames(font).filter((r) => r.nameID === nameID).map((r) => r.value);
const face = (font: Uint8Array) => new Face(new Blob(font));
const kitten = (font: Uint8Array) => create(Buffer.from(font)) as Font;

describe('renameFont on a cut of Pretendard', () => {
  it('keeps the licence notices the subsetter would drop, and the cut really names itself Pretendard', () => {
    for (const id of [0, 1, 13, 14, 16, 25]) expect(byId(original, id), `name ID ${id}`).not.toEqual([]);
    expect(byId(original, 1)).toEqual(['Pretendard Variable']);
    expect(byId(original, 13)[0]).toContain('SIL Open Font License');
  });

  it('names the font anew in family, full, PostScript, unique, typographic and variation names', () => {
    expect(byId(renamed, 1)).toEqual([`${FONT_FAMILY} Variable`]);
    expect(byId(renamed, 4)).toEqual([`${FONT_FAMILY} Variable`]);
    expect(byId(renamed, 16)).toEqual([`${FONT_FAMILY} Variable`]);
    expect(byId(renamed, 6)).toEqual(['NotesSansVariable-Regular']);
    expect(byId(renamed, 25)).toEqual(['NotesSansVariable']);
    expect(byId(renamed, 3)).toEqual([byId(original, 3)[0]!.replace('PretendardVariable', 'NotesSansVariable')]);
    expect(byId(renamed, 2)).toEqual(byId(original, 2));
    const k = kitten(renamed);
    expect(k.familyName).toBe('Notes Sans Variable');
    expect(k.postscriptName).toBe('NotesSansVariable-Regular');
    // The named instances' PostScript names (the name IDs fvar points to) follow the new name.
    const instanceIds = [...postScriptNameIds(renamed)].filter((id) => id > 255);
    expect(instanceIds.length).toBeGreaterThan(0);
    for (const id of instanceIds) {
      expect(byId(original, id)[0]).toMatch(/^PretendardVariable-[A-Za-z]+$/);
      expect(byId(renamed, id)).toEqual([byId(original, id)[0]!.replace('Pretendard', 'NotesSans')]);
    }
    // Their style names (Bold, …) stay.
    for (const r of fontNames(original).filter((x) => x.nameID > 255 && !instanceIds.includes(x.nameID))) {
      expect(byId(renamed, r.nameID)).toContain(r.value);
    }
  });

  it('leaves "Pretendard" only in the notices, which are unchanged', () => {
    const left = fontNames(renamed).filter((r) => r.value.includes('Pretendard'));
    for (const r of left) expect(KEPT_NAME_IDS.has(r.nameID), `name ID ${r.nameID}: ${r.value}`).toBe(true);
    for (const id of KEPT_NAME_IDS) expect(byId(renamed, id), `name ID ${id}`).toEqual(byId(original, id));
    // HarfBuzz reads the same names: none but the notices mention Pretendard.
    const hb = face(renamed);
    const mentions = hb.listNames().filter((n) => hb.getName(n.nameId, n.language).includes('Pretendard')).map((n) => n.nameId);
    for (const id of mentions) expect(KEPT_NAME_IDS.has(id), `name ID ${id}`).toBe(true);
    expect(hb.getName(1, 'en')).toBe('Notes Sans Variable');
  });

  it('changes no glyph, character map or axis, and every other table is byte-identical', () => {
    expect(kitten(renamed).numGlyphs).toBe(kitten(original).numGlyphs);
    expect([...face(renamed).collectUnicodes()].sort()).toEqual([...face(original).collectUnicodes()].sort());
    expect(face(renamed).getAxisInfos()).toEqual(face(original).getAxisInfos());
    const before = sfntTables(original);
    const after = sfntTables(renamed);
    expect(after.map((t) => t.tag)).toEqual(before.map((t) => t.tag));
    for (const t of before) {
      if (t.tag === 'name') continue;
      const a = original.subarray(t.offset, t.offset + t.length);
      const u = after.find((x) => x.tag === t.tag)!;
      const b = Buffer.from(renamed.subarray(u.offset, u.offset + u.length));
      // head differs only in checkSumAdjustment (bytes 8–11), which covers the whole file.
      if (t.tag === 'head') b.set(a.subarray(8, 12), 8);
      expect(b.equals(a), t.tag).toBe(true);
    }
  });

  it('writes valid checksums: every table, and the whole file (head.checkSumAdjustment)', () => {
    for (const t of sfntTables(renamed)) {
      const body = Buffer.from(renamed.subarray(t.offset, t.offset + t.length));
      if (t.tag === 'head') body.writeUInt32BE(0, 8);
      expect(tableChecksum(body), t.tag).toBe(t.checksum);
      expect(t.offset % 4, t.tag).toBe(0);
    }
    expect(tableChecksum(renamed)).toBe(0xb1b0afba);
  });

  it('changes nothing in a font that does not carry the name', () => {
    const again = renameFont(renamed, SITE_FONT_RENAME);
    expect(Buffer.from(again).equals(Buffer.from(renamed))).toBe(true);
  });

  it('tableChecksum pads the last word with zeros', () => {
    expect(tableChecksum(new Uint8Array([0, 0, 0, 1, 0, 0, 0, 2]))).toBe(3);
    expect(tableChecksum(new Uint8Array([0, 0, 0, 1, 0x80]))).toBe(0x80000001);
    expect(tableChecksum(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2]))).toBe(1);
  });
});

// A font of two tables, written here independently of the module: a format 1 name table (with a
// language tag) holding a Macintosh (single-byte) and a Windows (UTF-16BE) record of each name.
function tinyFont(): Uint8Array {
  const utf16 = (s: string) => Buffer.from(s, 'utf16le').swap16();
  const records: Array<[number, number, number, number, Buffer]> = [
    [1, 0, 0, 1, Buffer.from('Pretendard', 'latin1')],
    [1, 0, 0, 0, Buffer.from('\xa9 Pretendard authors', 'latin1')],
    [1, 0, 0, 6, Buffer.from('Pretendard-Regular', 'latin1')],
    [3, 1, 0x8000, 4, utf16('Pretendard Caf\u00e9 \ud55c')],
    [3, 1, 0x409, 13, utf16('Licence of Pretendard')],
  ];
  const langTag = utf16('ko-KR');
  const headerSize = 6 + records.length * 12 + 2 + 4;
  const strings = Buffer.concat([...records.map((r) => r[4]), langTag]);
  const name = Buffer.alloc(headerSize + strings.length);
  name.writeUInt16BE(1, 0);
  name.writeUInt16BE(records.length, 2);
  name.writeUInt16BE(headerSize, 4);
  let offset = 0;
  records.forEach(([p, e, l, id, bytes], i) => {
    [p, e, l, id, bytes.length, offset].forEach((v, j) => name.writeUInt16BE(v, 6 + i * 12 + j * 2));
    offset += bytes.length;
  });
  name.writeUInt16BE(1, 6 + records.length * 12);
  name.writeUInt16BE(langTag.length, 8 + records.length * 12);
  name.writeUInt16BE(offset, 10 + records.length * 12);
  strings.copy(name, headerSize);
  const head = Buffer.alloc(54, 7);
  const font = Buffer.alloc(12 + 2 * 16 + 56 + ((name.length + 3) & ~3));
  font.writeUInt32BE(0x00010000, 0);
  font.writeUInt16BE(2, 4);
  [['head', head, 44], ['name', name, 100]].forEach(([tag, body, at], i) => {
    font.write(tag as string, 12 + i * 16, 'latin1');
    font.writeUInt32BE(at as number, 20 + i * 16);
    font.writeUInt32BE((body as Buffer).length, 24 + i * 16);
    (body as Buffer).copy(font, at as number);
  });
  return font;
}

describe('renameFont on a hand-written font', () => {
  it('renames Macintosh and Windows records, keeps other characters, the notices and the language tag', () => {
    const out = renameFont(tinyFont(), { from: 'Pretendard', to: 'Notes Sans', toPostScript: 'NotesSans' });
    const names = fontNames(out).map((r) => [r.platformID, r.nameID, r.value]);
    expect(names).toEqual([
      [1, 1, 'Notes Sans'],
      [1, 0, '\xa9 Pretendard authors'],
      [1, 6, 'NotesSans-Regular'],
      [3, 4, 'Notes Sans Caf\u00e9 \ud55c'],
      [3, 13, 'Licence of Pretendard'],
    ]);
    const name = Buffer.from(sfntTables(out).map((t) => out.subarray(t.offset, t.offset + t.length))[1]!);
    expect(name.readUInt16BE(0)).toBe(1);
    const tagAt = 6 + 5 * 12;
    const tag = name.subarray(name.readUInt16BE(4) + name.readUInt16BE(tagAt + 4), name.readUInt16BE(4) + name.readUInt16BE(tagAt + 4) + name.readUInt16BE(tagAt + 2));
    expect(Buffer.from(tag).swap16().toString('utf16le')).toBe('ko-KR');
    expect(tableChecksum(out)).toBe(0xb1b0afba);
  });
});

describe('cutFont', () => {
  it('gives a woff2 with the new names and the same characters as the plain cut', { timeout: 60_000 }, async () => {
    const woff2 = await cutFont(source, TEXT);
    expect(woff2.subarray(0, 4).toString('latin1')).toBe('wOF2');
    const sfnt = await fontverter.convert(woff2, 'sfnt');
    expect(byId(sfnt, 1)).toEqual(['Notes Sans Variable']);
    expect(byId(sfnt, 13)).toEqual(byId(original, 13));
    expect([...face(sfnt).collectUnicodes()].sort()).toEqual([...face(original).collectUnicodes()].sort());
    expect(kitten(sfnt).numGlyphs).toBe(kitten(original).numGlyphs);
  });
});
