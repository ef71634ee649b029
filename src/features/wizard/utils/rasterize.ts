/*
 * Turn an image into PNG bytes in the browser, for a logo dropped as JPEG, WebP, GIF or SVG. An
 * SVG is only ever drawn through an <img> that is never added to the page (scripts in it do not
 * run in an image), then onto a canvas: its markup never reaches the document.
 */

/** The side of a converted logo: pack-format §E recommends 128–512 px. */
export const LOGO_SIDE = 512;
/** Larger inputs are refused before decoding (a JPEG "bomb"). */
export const MAX_CONVERT_BYTES = 5 * 1024 * 1024;

function canvasToPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(async (blob) => {
      if (!blob) return reject(new Error("the browser could not write a PNG"));
      resolve(new Uint8Array(await blob.arrayBuffer()));
    }, "image/png"),
  );
}

/** A canvas of `width`×`height` px and where on it the image goes. */
interface CanvasLayout {
  width: number;
  height: number;
  draw: { x: number; y: number; width: number; height: number };
}

/**
 * The whole canvas, `w`×`h` scaled to at most `maxSide` on its longer side: down only, or to
 * exactly `maxSide` with `upscale`.
 */
function fitLayout(
  w: number,
  h: number,
  maxSide: number,
  upscale = false,
): CanvasLayout {
  const scale = Math.min(upscale ? Infinity : 1, maxSide / Math.max(w, h));
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  return { width, height, draw: { x: 0, y: 0, width, height } };
}

function draw(source: CanvasImageSource, layout: CanvasLayout) {
  const canvas = document.createElement("canvas");
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("the browser cannot draw images here");
  const { x, y, width, height } = layout.draw;
  ctx.drawImage(source, x, y, width, height);
  return canvas;
}

/** px per unit of the absolute lengths an SVG's width and height may use. */
const PX_PER: Record<string, number> = {
  "": 1,
  px: 1,
  pt: 4 / 3,
  pc: 16,
  mm: 96 / 25.4,
  cm: 96 / 2.54,
  in: 96,
};

/** An absolute length (`120`, `64px`, `2in`) in px; undefined for none, a percentage, `em`, zero. */
function lengthPx(value: string | undefined): number | undefined {
  const m = /^\s*(\d*\.?\d+(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(value ?? "");
  const perUnit = m ? PX_PER[m[2]!.toLowerCase()] : undefined;
  const px = m && perUnit !== undefined ? Number(m[1]) * perUnit : 0;
  return px > 0 && Number.isFinite(px) ? px : undefined;
}

/**
 * The proportions (width ÷ height) an SVG's root element gives it: its width and height, else its
 * viewBox; with only one of width and height and no viewBox, the other is the size browsers give
 * a replaced element that states none (300×150). Null when it states none of the three.
 */
export function svgAspect(svgText: string): number | null {
  const root = /<svg\b((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(
    svgText.replace(/<!--[\s\S]*?-->/g, ""),
  )?.[1];
  if (root === undefined) return null;
  const attr: Record<string, string> = {};
  for (const m of root.matchAll(
    /(?:^|\s)(width|height|viewBox)\s*=\s*(?:"([^"]*)"|'([^']*)')/g,
  ))
    attr[m[1]!] = m[2] ?? m[3] ?? "";
  const width = lengthPx(attr.width);
  const height = lengthPx(attr.height);
  if (width && height) return width / height;
  const box = (attr.viewBox ?? "")
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const [, , boxWidth = 0, boxHeight = 0] = box;
  if (box.length === 4 && boxWidth > 0 && boxHeight > 0)
    return boxWidth / boxHeight;
  if (width || height) return (width ?? 300) / (height ?? 150);
  return null;
}

/**
 * Where a converted SVG goes: on a canvas `maxSide` px on its longer side, at the SVG's own
 * proportions (`aspect`, {@link svgAspect}). An SVG that states no size is shown by browsers in a
 * 300×150 box, which says nothing of the drawing: that box is scaled to fit a square canvas and
 * centred, so the logo is square (pack-format §E) and nothing is cut off or stretched.
 */
export function svgLayout(
  aspect: number | null,
  maxSide: number,
): CanvasLayout {
  if (aspect === null) {
    const height = Math.round(maxSide / 2);
    return {
      width: maxSide,
      height: maxSide,
      draw: {
        x: 0,
        y: Math.round((maxSide - height) / 2),
        width: maxSide,
        height,
      },
    };
  }
  return fitLayout(aspect, 1, maxSide, true);
}

async function loadSvg(bytes: Uint8Array): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "image/svg+xml" }),
  );
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * PNG bytes of an image, at most `maxSide` px on its longer side (an SVG is drawn at exactly
 * that size, see {@link svgLayout}). Rejects with an Error whose message can be shown.
 */
export async function rasterizeToPng(
  bytes: Uint8Array,
  format: "png" | "jpeg" | "webp" | "gif" | "svg",
  maxSide = LOGO_SIDE,
): Promise<Uint8Array> {
  if (bytes.length > MAX_CONVERT_BYTES)
    throw new Error("the image is larger than 5 MB: make it smaller first");
  if (format === "svg") {
    let img: HTMLImageElement;
    try {
      img = await loadSvg(bytes);
    } catch {
      throw new Error(
        "the SVG could not be drawn (is it a valid SVG document?)",
      );
    }
    // The size comes from the markup: naturalWidth is 300×150 both for an SVG of that size and
    // for one that states none.
    const aspect = svgAspect(new TextDecoder().decode(bytes));
    return canvasToPng(draw(img, svgLayout(aspect, maxSide)));
  }
  const mime = `image/${format}`;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }),
    );
  } catch {
    throw new Error(`the ${format.toUpperCase()} image could not be decoded`);
  }
  try {
    return await canvasToPng(
      draw(bitmap, fitLayout(bitmap.width, bitmap.height, maxSide)),
    );
  } finally {
    bitmap.close();
  }
}

/** A placeholder logo: the pack's initials on a coloured square. */
export async function initialsLogo(
  text: string,
  side = 256,
): Promise<Uint8Array> {
  const words = text
    .trim()
    .split(/[\s_-]+/)
    .filter(Boolean);
  const initials = (
    words.length > 1
      ? words[0]![0]! + words[1]![0]!
      : (words[0] ?? "P").slice(0, 2)
  ).toUpperCase();
  const canvas = document.createElement("canvas");
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("the browser cannot draw images here");
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  ctx.fillStyle = `hsl(${hash % 360} 55% 38%)`;
  ctx.beginPath();
  ctx.roundRect(0, 0, side, side, side * 0.18);
  ctx.fill();
  ctx.fillStyle = "#ffffff";
  ctx.font = `700 ${Math.round(side * 0.42)}px system-ui, sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(initials, side / 2, side / 2 + side * 0.02);
  return canvasToPng(canvas);
}
