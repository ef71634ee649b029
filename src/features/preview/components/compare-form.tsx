import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { paths } from "@/config/paths";
import { packQueryOptions } from "@/lib/api/packs";
import { navigate } from "@/lib/location";

interface CompareFormProps {
  name: string;
  /** The version on screen: compared against the chosen one. */
  current: string;
}

/** Pick another version of the pack and open the comparison (older … newer, as listed). */
export function CompareForm({ name, current }: CompareFormProps) {
  const id = useId();
  const versions = useQuery(packQueryOptions(name));
  const others = (versions.data?.versions ?? []).filter(
    (v) => v.version !== current,
  );
  const [picked, setPicked] = useState("");
  const other = others.find((v) => v.version === picked) ?? others[0];

  if (!other) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!other) return;
    // The list is newest first: the version listed later is the older one, the base of the diff.
    const list = versions.data?.versions.map((v) => v.version) ?? [];
    const [from, to] =
      list.indexOf(other.version) > list.indexOf(current)
        ? [other.version, current]
        : [current, other.version];
    navigate(paths.compare(name, from, to));
  }

  return (
    <form className="compare-form" onSubmit={submit}>
      <label htmlFor={id}>Compare with</label>
      <select
        id={id}
        value={other.version}
        onChange={(e) => setPicked(e.target.value)}
      >
        {others.map((v) => (
          <option key={v.version} value={v.version}>
            {v.version}
          </option>
        ))}
      </select>
      <Button type="submit">Compare</Button>
    </form>
  );
}
