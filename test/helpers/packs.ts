import type { PackFiles } from "../../src/pack/pack-files";
import { writePackZip } from "../../src/pack/zip-write";
import { loadFixture } from "./fixtures";

/** The tutorial pack (hellouniverse 1.0.0) as a zip, optionally with a README that differs per `variant`. */
export async function tutorialZip(
  variant?: string,
  edit?: (files: PackFiles) => void,
): Promise<Buffer> {
  const files = new Map(await loadFixture("tutorials/hello-universe-pack"));
  if (variant !== undefined)
    files.set(
      "README.md",
      new TextEncoder().encode(`# Hello Universe\n\nvariant ${variant}\n`),
    );
  edit?.(files);
  return Buffer.from(await writePackZip(files, "hellouniverse-1.0.0"));
}

export async function fixtureZip(dir: string, top = "pack"): Promise<Buffer> {
  return Buffer.from(await writePackZip(await loadFixture(dir), top));
}
