import { useEffect, useMemo, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FileDrop } from "@/components/ui/file-drop";
import { RemovalPrompt } from "@/features/wizard/components/removal-prompt";
import { fileRemoval, useRemoval } from "@/features/wizard/hooks/use-removal";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { fieldId } from "@/features/wizard/model/finding-targets";
import { checkLogo } from "@/features/wizard/model/logo-check";
import {
  initialsLogo,
  LOGO_SIDE,
  rasterizeToPng,
} from "@/features/wizard/utils/rasterize";
import { imageInfo } from "@/pack/png";
import { CodeText } from "@/components/ui/code-text";

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** An object URL for PNG bytes (checked as PNG by their bytes before they get here). */
function usePngUrl(bytes: Uint8Array | undefined): string | null {
  const url = useMemo(
    () =>
      bytes
        ? URL.createObjectURL(
            new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "image/png" }),
          )
        : null,
    [bytes],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

/** Step 3: logo.png, checked by its bytes; other image formats converted to PNG here. */
export function LogoStep() {
  const { control, setValue, getValues } = useFormContext<WizardValues>();
  const { blobs, addBlobs, report, reportPending } = useWizard();
  const removal = useRemoval();
  // No question (the image is on the user's disk, or made again in a click), but Undo: a
  // converted or shrunk logo is not.
  const removeLogo = () =>
    removal.request(
      fileRemoval("logo.png", { getValues, setValue }, "logo", {
        untouched: true,
      }),
    );
  const [logo, displayName, name] = useWatch({
    control,
    name: ["logo", "basics.displayName", "basics.name"],
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const bytes = logo ? blobs.get(logo.blob) : undefined;
  // An imported pack's logo.png may hold another format (a real one is a JPEG): never shown as
  // an image unless its bytes are PNG.
  const actual = bytes ? checkLogo(bytes, "logo.png") : null;
  const url = usePngUrl(actual?.kind === "png" ? bytes : undefined);
  // A report on an older state would still say "logo.png is missing" just after a drop.
  const findings = reportPending
    ? []
    : (report?.findings ?? []).filter((f) => f.file === "logo.png");

  function store(png: Uint8Array, convertedFrom?: string) {
    const info = imageInfo(png);
    const [id] = addBlobs([png]);
    setValue(
      "logo",
      {
        blob: id!,
        width: info.width ?? 0,
        height: info.height ?? 0,
        ...(convertedFrom ? { convertedFrom } : {}),
      },
      { shouldDirty: true },
    );
  }

  async function take(file: File) {
    setProblem(null);
    setNote(null);
    const input = new Uint8Array(await file.arrayBuffer());
    const verdict = checkLogo(input, file.name);
    if (verdict.kind === "refuse") return setProblem(verdict.message);
    if (verdict.kind === "png") {
      store(input);
      if (verdict.large)
        setNote(
          `The logo is ${verdict.width}×${verdict.height} px; ${LOGO_SIDE} px is plenty. You can shrink it below.`,
        );
      return;
    }
    setWorking(true);
    try {
      store(
        await rasterizeToPng(input, verdict.format),
        verdict.format.toUpperCase(),
      );
      setNote(
        `${file.name} was converted from ${verdict.format.toUpperCase()} to PNG in your browser.`,
      );
    } catch (e) {
      setProblem(
        `${file.name} could not be converted: ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      setWorking(false);
    }
  }

  async function run(make: () => Promise<Uint8Array>, done: string) {
    setWorking(true);
    setProblem(null);
    try {
      store(await make());
      setNote(done);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setWorking(false);
    }
  }

  return (
    <div className="wizard-step">
      <p>
        Palette shows the logo next to the pack. It must be a PNG; a square of
        128 to 512 pixels works best. JPEG, WebP, GIF and SVG files are
        converted to PNG here, in your browser.
      </p>
      <div id={fieldId("logo")} tabIndex={-1}>
        <FileDrop
          label="Logo image"
          accept="image/png,image/jpeg,image/webp,image/gif,image/svg+xml,.png,.jpg,.jpeg,.webp,.gif,.svg"
          onFiles={(r) =>
            r.kind === "files" && r.files[0] && void take(r.files[0])
          }
        />
      </div>
      <RemovalPrompt removal={removal} />
      {working && <p role="status">Converting…</p>}
      {problem && (
        <Alert tone="error" title="This logo cannot be used">
          <p>{problem}</p>
        </Alert>
      )}
      {note && (
        <Alert tone="info">
          <p>{note}</p>
        </Alert>
      )}
      {actual?.kind === "convert" && bytes && (
        <Alert
          tone="warning"
          title={`logo.png is really a ${actual.format.toUpperCase()} image`}
        >
          <p>Palette and the Spectro CLI expect a PNG.</p>
          <Button
            busy={working}
            onClick={() =>
              void run(
                () => rasterizeToPng(bytes, actual.format),
                "logo.png was converted to PNG.",
              )
            }
          >
            Convert it to PNG
          </Button>
        </Alert>
      )}
      {actual?.kind === "refuse" && (
        <Alert tone="error" title="logo.png is not a usable image">
          <p>{actual.message}. Drop another image, or remove it.</p>
          <Button onClick={removeLogo}>Remove the logo</Button>
        </Alert>
      )}
      {logo && bytes && url ? (
        <figure className="logo-preview">
          <img
            src={url}
            alt={`Logo of ${displayName || name || "the pack"}`}
            className="logo-preview__image"
          />
          <figcaption>
            logo.png · {logo.width} × {logo.height} px · {kb(bytes.length)}
            {logo.convertedFrom
              ? ` · converted from ${logo.convertedFrom}`
              : ""}
          </figcaption>
          <div className="logo-preview__actions">
            {(logo.width > LOGO_SIDE || logo.height > LOGO_SIDE) && (
              <Button
                busy={working}
                onClick={() =>
                  void run(
                    () => rasterizeToPng(bytes, "png"),
                    `Resized to at most ${LOGO_SIDE} px.`,
                  )
                }
              >
                Shrink to {LOGO_SIDE} px
              </Button>
            )}
            <Button onClick={removeLogo}>Remove the logo</Button>
          </div>
        </figure>
      ) : logo ? null : (
        <div className="logo-preview logo-preview--empty">
          <p>
            No logo yet. Palette shows a placeholder without one, and the
            Spectro CLI refuses the pack.
          </p>
          <Button
            busy={working}
            onClick={() =>
              void run(
                () => initialsLogo(displayName || name || "Pack"),
                "A logo was made from the pack's initials.",
              )
            }
          >
            Make a logo from the initials
          </Button>
        </div>
      )}
      {findings.length > 0 && (
        <ul className="wizard-advice" aria-label="Notes about the logo">
          {findings.map((f) => (
            <li key={f.code + f.message}>
              <CodeText text={f.message} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
