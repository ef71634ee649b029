import { PackBrowser } from "@/features/registry/components/pack-browser";

/** The registry browser (issue 5). */
export function PacksRoute() {
  return <PackBrowser />;
}
