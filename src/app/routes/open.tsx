import { OpenPack } from "@/features/preview/components/open-pack";

/** A local pack opened without uploading (issue 5). */
export function OpenRoute() {
  return <OpenPack />;
}
