import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { paths } from "@/config/paths";
import { packQueryOptions } from "@/lib/api/packs";
import { navigate } from "@/lib/location";

import { compareSides, defaultCompareWith } from "../utils/compare-with";
import { versionLabel } from "../utils/version-label";

interface CompareFormProps {
  name: string;
  /** The version on screen: compared against the chosen one. */
  current: string;
}

/**
 * Pick another version of the pack and open the comparison. Options are highest first (the API's
 * order) and start at the next lower version; the lower of the two is always the left side.
 */
export function CompareForm({ name, current }: CompareFormProps) {
  const id = useId();
  const versions = useQuery(packQueryOptions(name));
  const list = versions.data?.versions.map((v) => v.version) ?? [];
  const others = list.filter((v) => v !== current);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const other =
    picked !== undefined && others.includes(picked)
      ? picked
      : defaultCompareWith(list, current);

  if (!other) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!other) return;
    const [from, to] = compareSides(other, current);
    navigate(paths.compare(name, from, to));
  }

  return (
    <form className="compare-form" onSubmit={submit}>
      <label htmlFor={id}>Compare with</label>
      <select id={id} value={other} onChange={(e) => setPicked(e.target.value)}>
        {others.map((v) => (
          <option key={v} value={v}>
            {versionLabel(v, versions.data?.latest ?? null)}
          </option>
        ))}
      </select>
      <Button type="submit">Compare</Button>
    </form>
  );
}
