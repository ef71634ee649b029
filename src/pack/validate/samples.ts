import { jsonEqual, valueAt } from "../json-value";
import { lineAt, PACK_JSON, type ValidateContext } from "./context";

/**
 * The documentation's sample values a pack made from a template still holds (an AMI id, a region,
 * a password): they parse and pass every rule, so only the template knows they are the example
 * author's. A value is compared, not its text: requoting or moving it changes nothing, editing it
 * clears the warning and changing it back brings it again. A warning for every target: Palette
 * takes the pack, and would deploy the example's image or log in with its password.
 */
export function checkSampleValues(ctx: ValidateContext): void {
  const { samples = [], packJson, values, valuesRoot, add } = ctx;
  for (const s of samples) {
    const keys = s.path.split(".");
    // A file that did not read has no values to compare: its own findings say why.
    const read =
      s.file === PACK_JSON
        ? packJson && { root: packJson.raw, where: packJson.at(s.path) }
        : values && {
            root: valuesRoot,
            where: {
              file: s.file,
              path: s.path,
              ...lineAt(values, keys, "value"),
            },
          };
    if (!read) continue;
    const now = valueAt(read.root, keys);
    if (!now.found || !jsonEqual(now.value, s.value)) continue;
    add(
      "warning",
      "TEMPLATE_SAMPLE_VALUE",
      `\`${s.path}\` is still the documentation's sample value: put ${s.replaceWith} there`,
      read.where,
    );
  }
}
