import { readFileSync } from "node:fs";
import { listTemplates, readTemplate } from "../../src/cli/init";
import type { PackFiles } from "../../src/pack/pack-files";

/** test/fixtures/seed-examples: the documentation's six pack.json files (see its README). */
export const SEEDS = new URL("../fixtures/seed-examples/", import.meta.url);

/** Each template that reproduces a documented example, and that example's seed file stem. */
export const SEED_TEMPLATES: Record<string, string> = {
  "centos-aws": "golden-centos-aws",
  "centos-vsphere-template": "golden-centos-vsphere",
  "ubuntu-vsphere-ova": "golden-ubuntu-vsphere",
  "centos-azure": "golden-centos-azure",
  "prometheus-grafana": "prometheus-grafana",
  "permission-manager": "permission-manager",
};

/** The parsed pack.json of seed `stem`. */
export const seedJson = (stem: string): unknown =>
  JSON.parse(readFileSync(new URL(`${stem}.pack.json`, SEEDS), "utf8"));

/** Template `id`'s pack as `packsmith init` reads it from the disk (template.json left out). */
export async function templateOnDisk(id: string): Promise<PackFiles> {
  const r = await readTemplate(id);
  if (!r.ok) throw new Error(r.error);
  return r.value.pack;
}

export { listTemplates };
