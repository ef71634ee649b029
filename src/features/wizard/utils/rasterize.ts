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

function draw(
  source: CanvasImageSource,
  w: number,
  h: number,
  maxSide: number,
  upscale: boolean,
) {
  const scale = Math.min(upscale ? Infinity : 1, maxSide / Math.max(w, h));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("the browser cannot draw images here");
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas;
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
 * that size). Rejects with an Error whose message can be shown.
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
    const w = img.naturalWidth || maxSide;
    const h = img.naturalHeight || maxSide;
    return canvasToPng(draw(img, w, h, maxSide, true));
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
      draw(bitmap, bitmap.width, bitmap.height, maxSide, false),
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
