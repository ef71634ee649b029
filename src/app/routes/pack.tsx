import { RegistryPack } from "@/features/preview/components/registry-pack";

/** One pack version at its stable URL (issue 5). */
export function PackRoute({
  name,
  version,
}: {
  name: string;
  version: string;
}) {
  return (
    <RegistryPack key={`${name}/${version}`} name={name} version={version} />
  );
}
