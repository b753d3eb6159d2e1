// subset-font and fontverter ship no types; only what src/site/font-subset.ts calls.
declare module 'subset-font' {
  export default function subsetFont(font: Buffer, text: string, options?: Record<string, unknown>): Promise<Buffer>;
}

declare module 'fontverter' {
  const fontverter: { convert(font: Uint8Array, to: 'sfnt' | 'woff' | 'woff2'): Promise<Buffer> };
  export default fontverter;
}
