import type { UseFormReturn } from "react-hook-form";

import type { RemovalRequest } from "@/features/wizard/hooks/use-removal";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import {
  describeValuesBlock,
  takeValuesBlock,
} from "@/features/wizard/model/values-block";

/** A row of either list, as Undo compares them: charts have a name, manifests only a path. */
interface ListRow {
  path: string;
  name?: string;
}

/** A chart's or a manifest's row: what it is called, and its block in values.yaml. */
interface Row {
  /** The list the row is in; its values block is under the same name (`charts.<key>`). */
  list: "charts" | "manifests";
  /** The row's path in the pack, as the question and the status name it. */
  path: string;
  /** The row's key under `<list>` in values.yaml; null when it has none. */
  key: string | null;
  /** Ask first even when no values block goes with the row. */
  alwaysAsk: boolean;
  /** Take the row out of the list. */
  remove: () => void;
}

/**
 * The removal of a chart or a manifest together with its block in values.yaml: the question
 * names the block, and Undo puts back the row where it was and the block (the block only while
 * values.yaml still parses). When values.yaml does not parse, the block stays and the status says
 * so. Undo keeps what was done since: rows added stay (it once put back the whole list as it was,
 * dropping them), and a row or block of the same name added since is the newer work, kept in
 * place of the old one, which the status then says.
 */
export function valuesBlockRemoval(
  {
    getValues,
    setValue,
  }: Pick<UseFormReturn<WizardValues>, "getValues" | "setValue">,
  { list, path, key, alwaysAsk, remove }: Row,
): RemovalRequest {
  const block =
    key === null
      ? null
      : describeValuesBlock(getValues("files.values"), list, key);
  const entry = `${list}.${key ?? ""}`;
  return {
    what: path,
    goes: block ? [block] : [],
    confirm: alwaysAsk || block !== null,
    run: () => {
      const rowsBefore: readonly ListRow[] = getValues(list);
      const at = rowsBefore.findIndex((r) => r.path === path);
      const row = rowsBefore[at];
      const taken =
        block !== null && key !== null
          ? takeValuesBlock(getValues("files.values"), list, key)
          : ({ ok: false } as const);
      remove();
      if (taken.ok) setValue("files.values", taken.text, { shouldDirty: true });
      return {
        message: block
          ? taken.ok
            ? `Removed ${path} and ${block}.`
            : `Removed ${path}; values.yaml does not parse, so ${entry} is still in it.`
          : `Removed ${path}.`,
        undo: () => {
          const rows: readonly ListRow[] = getValues(list);
          const newer =
            row &&
            rows.find(
              (r) =>
                r.path === path ||
                // An entry whose archive is missing has no name yet.
                (Boolean(row.name) && r.name === row.name),
            );
          if (!row || newer)
            return `${path} was not put back: ${newer ? `${newer.path} took its place since` : "it is no longer known"}.`;
          const next = [...rows];
          next.splice(Math.min(at, next.length), 0, row);
          setValue(list, next as WizardValues[typeof list], {
            shouldDirty: true,
          });
          const now = getValues("files.values");
          if (
            taken.ok &&
            now !== null &&
            key !== null &&
            describeValuesBlock(now, list, key) !== null
          )
            return `Put back ${path}; values.yaml has ${entry} again (added since), so it was kept instead of the removed one.`;
          if (taken.ok && now !== null) {
            try {
              setValue("files.values", taken.restore(now), {
                shouldDirty: true,
              });
            } catch {
              return `Put back ${path}; values.yaml no longer parses, so ${entry} was not put back.`;
            }
          }
          return `Put back ${path}${block ? ` and ${block}` : ""}.`;
        },
      };
    },
  };
}
