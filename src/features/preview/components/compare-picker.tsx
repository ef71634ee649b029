import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useId, useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { CodeText } from "@/components/ui/code-text";
import { paths } from "@/config/paths";
import { ApiError } from "@/lib/api/client";
import { packListQueryOptions, packQueryOptions } from "@/lib/api/packs";
import { navigate } from "@/lib/location";

import { versionLabel } from "../utils/version-label";

interface ComparePickerProps {
  /** The left side, kept. */
  name: string;
  from: string;
  /** The right side on screen, the picker's starting choice. */
  toName: string;
  to: string;
}

/** Names offered while typing: one page of the registry by name, matching what is typed. */
const SUGGESTIONS = 200;

/**
 * Pick the right side of the comparison: any pack of the registry and one of its versions, highest
 * first (the API's semver order). Submitting changes the URL, so every comparison is a link.
 */
export function ComparePicker({ name, from, toName, to }: ComparePickerProps) {
  const id = useId();
  const [typed, setTyped] = useState(toName);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const pack = useDeferredValue(typed.trim());
  const suggestions = useQuery({
    ...packListQueryOptions({ q: pack, sort: "name", limit: SUGGESTIONS }),
    placeholderData: keepPreviousData,
  });
  const names = [...new Set(suggestions.data?.items.map((i) => i.name))];
  const listed =
    suggestions.data !== undefined && !suggestions.isPlaceholderData;
  // Ask for a pack's versions once the registry lists its name, not for every prefix typed; when
  // the matches run past one page the name may be on a later one, so ask anyway.
  const known =
    pack !== "" &&
    listed &&
    (names.includes(pack) || suggestions.data?.next != null);
  const versions = useQuery({
    ...packQueryOptions(pack),
    enabled: known,
    retry: false,
  });
  const list = known
    ? (versions.data?.versions.map((v) => v.version) ?? [])
    : [];
  const version =
    picked !== undefined && list.includes(picked)
      ? picked
      : pack === toName && list.includes(to)
        ? to
        : (list.find((v) => v === versions.data?.latest) ?? list[0]);
  const missing =
    (listed && !known) ||
    (versions.error instanceof ApiError && versions.error.status === 404);
  const problem =
    pack === ""
      ? "Type the name of a pack."
      : missing
        ? `There is no pack named “${pack}”.`
        : versions.error
          ? versions.error.message
          : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (version === undefined || problem) return;
    navigate(paths.compare(name, from, version, pack));
  }

  return (
    <form className="compare-picker" onSubmit={submit}>
      <fieldset>
        <legend>
          Compare {name} {from} with
        </legend>
        <div className="compare-picker__fields">
          <div className="compare-picker__field">
            <label htmlFor={`${id}-pack`}>Pack</label>
            <input
              id={`${id}-pack`}
              type="text"
              list={`${id}-names`}
              value={typed}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={problem ? `${id}-problem` : undefined}
              aria-invalid={missing || undefined}
              onChange={(e) => setTyped(e.target.value)}
            />
            <datalist id={`${id}-names`}>
              {names.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </div>
          <div className="compare-picker__field">
            <label htmlFor={`${id}-version`}>Version</label>
            <select
              id={`${id}-version`}
              value={version ?? ""}
              disabled={list.length === 0}
              onChange={(e) => setPicked(e.target.value)}
            >
              {list.length === 0 && <option value="">—</option>}
              {list.map((v) => (
                <option key={v} value={v}>
                  {versionLabel(v, versions.data?.latest ?? null)}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" disabled={version === undefined || !!problem}>
            Compare
          </Button>
        </div>
        {problem && (
          <p
            id={`${id}-problem`}
            className="compare-picker__problem"
            role="status"
          >
            <CodeText text={problem} />
          </p>
        )}
      </fieldset>
    </form>
  );
}
