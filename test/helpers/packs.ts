import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PackFiles } from "../../src/pack/pack-files";
import { writePackZip } from "../../src/pack/zip-write";
import { FIXTURES, loadFixture } from "./fixtures";

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

/**
 * A manifest of one line repeated to 20 MiB, as a review packed one: it deflates some 400:1, past
 * the readers' 100:1 ratio, so every reader refuses an archive that holds it deflated.
 */
export const REPEATED_MANIFEST = "manifests/repeated.yaml";
const repeatedText = (): string => "# one line, many times\n".repeat(900_000);

/** The tutorial pack (hellouniverse 1.0.0) with {@link REPEATED_MANIFEST}. */
export async function repetitivePack(): Promise<PackFiles> {
  return new Map(await loadFixture("tutorials/hello-universe-pack")).set(
    REPEATED_MANIFEST,
    new TextEncoder().encode(repeatedText()),
  );
}

/** {@link repetitivePack} as a folder: the tutorial pack copied to `dir` with the manifest added. */
export function repetitiveFolder(dir: string): string {
  cpSync(join(FIXTURES, "tutorials/hello-universe-pack"), dir, {
    recursive: true,
  });
  writeFileSync(join(dir, REPEATED_MANIFEST), repeatedText());
  return dir;
}
