/** An sRGB colour with channels 0–255 and alpha 0–1, as getComputedStyle reports it. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Parses a computed `rgb()`/`rgba()` colour (Chromium's serialisation for sRGB colours). */
export function parseColor(css: string): Rgba {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (!match) throw new Error(`not an rgb() colour: ${css}`);
  const [, r, g, b, a] = match;
  const alpha = a === undefined ? 1 : a.endsWith('%') ? Number(a.slice(0, -1)) / 100 : Number(a);
  return { r: Number(r), g: Number(g), b: Number(b), a: alpha };
}

/** Every `rgb()`/`rgba()` colour in a computed value such as a gradient's `background-image`. */
export function colorsIn(css: string): Rgba[] {
  return (css.match(/rgba?\([^)]*\)/g) ?? []).map(parseColor);
}

/** `top` painted over the opaque `bottom` (source-over). */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/** The colour a stack of backgrounds shows, listed from the element outwards to the canvas. */
export function flatten(layers: Rgba[], canvas: Rgba): Rgba {
  return layers.reduceRight((below, layer) => composite(layer, below), canvas);
}

// WCAG 2.2 "relative luminance": https://www.w3.org/TR/WCAG22/#dfn-relative-luminance
function luminance({ r, g, b }: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2.2 contrast ratio of two opaque colours, 1–21: https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio */
export function contrastRatio(x: Rgba, y: Rgba): number {
  const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `#rrggbb` for messages. */
export function hex({ r, g, b }: Rgba): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}
