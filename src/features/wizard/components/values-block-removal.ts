import type { UseFormReturn } from "react-hook-form";

import type { RemovalRequest } from "@/features/wizard/hooks/use-removal";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import {
  describeValuesBlock,
  takeValuesBlock,
} from "@/features/wizard/model/values-block";

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
 * names the block, and Undo puts back the row and the block (the block only while values.yaml
 * still parses). When values.yaml does not parse, the block stays and the status says so.
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
      const rowsBefore = getValues(list);
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
          setValue(list, rowsBefore, { shouldDirty: true });
          const now = getValues("files.values");
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
