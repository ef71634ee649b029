import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useMemo, useRef, useState } from "react";
import {
  FormProvider,
  useForm,
  useWatch,
  type Resolver,
} from "react-hook-form";

import { ErrorSummary } from "@/components/ui/error-summary";
import { Stepper } from "@/components/ui/stepper";
import { StepBody } from "@/features/wizard/components/step-body";
import { STEP_LABELS } from "@/features/wizard/components/step-labels";
import { WizardFooter } from "@/features/wizard/components/wizard-footer";
import { WizardHeader } from "@/features/wizard/components/wizard-header";
import { useDraftBlobs } from "@/features/wizard/hooks/use-draft-blobs";
import { useDraftRevision } from "@/features/wizard/hooks/use-draft-revision";
import { useDraftSaving } from "@/features/wizard/hooks/use-draft-saving";
import { usePackReport } from "@/features/wizard/hooks/use-pack-report";
import { useStepFocus } from "@/features/wizard/hooks/use-step-focus";
import { useWizardNavigation } from "@/features/wizard/hooks/use-wizard-navigation";
import {
  WizardContext,
  type JumpRequest,
} from "@/features/wizard/hooks/wizard-context";
import {
  STEP_IDS,
  type StepId,
  type WizardValues,
} from "@/features/wizard/model/draft-schema";
import { draftToPackFiles } from "@/features/wizard/model/draft-to-pack-files";
import {
  errorSteps,
  fieldId,
  stepErrors,
  type FindingTarget,
} from "@/features/wizard/model/finding-targets";
import {
  summaryErrors,
  textTargetId,
} from "@/features/wizard/model/form-errors";
import type { PackFiles } from "@/pack/pack-files";
import { stepStatuses } from "@/features/wizard/model/navigation";
import {
  STEP_SCHEMAS,
  stepIsValid,
} from "@/features/wizard/model/step-schemas";
import type {
  DraftExport,
  OpenedDraft,
  WizardDraftStorage,
} from "@/features/wizard/types";

import "./wizard.css";

interface PackWizardProps {
  draft: OpenedDraft;
  storage: WizardDraftStorage;
  /** Save the draft as it is on screen as a file (the drafts feature writes it). */
  onExport: (draft: DraftExport) => Promise<void>;
  /** After a successful upload with the draft's digest: the draft is no longer needed. */
  onPublished: () => void;
}

/**
 * The pack builder: one react-hook-form for the whole draft, one zod schema per step (the
 * resolver follows the current step, so "Next" checks that step only), navigation through a pure
 * reducer, the core's findings computed in a worker, and the draft saved as the user works.
 */
export function PackWizard({
  draft,
  storage,
  onExport,
  onPublished,
}: PackWizardProps) {
  const origin = draft.data.meta.origin;
  const nav = useWizardNavigation({
    step: draft.data.meta.step,
    visited: draft.data.meta.visited,
  });
  const step = nav.state.step;
  const resolver = useMemo(
    () =>
      zodResolver(STEP_SCHEMAS[step] as never, undefined, {
        raw: true,
      }) as unknown as Resolver<WizardValues>,
    [step],
  );
  // Fields are checked when "Next" is pressed; after a refused Next, as the user fixes them.
  const [checkedStep, setCheckedStep] = useState<StepId | null>(null);
  const form = useForm<WizardValues>({
    defaultValues: draft.data.values,
    resolver,
    mode: checkedStep === step ? "onChange" : "onSubmit",
    shouldFocusError: false,
  });
  const values = useWatch({ control: form.control }) as WizardValues;
  const { blobs, addBlobs } = useDraftBlobs(draft.blobs, values);
  // The pack's files, made on first use after a change: typing changes `values` on every key, and
  // nothing on the Values step reads the files (the check reads them once typing pauses).
  const packFiles = useMemo(() => {
    let files: PackFiles | undefined;
    return () => (files ??= draftToPackFiles(values, blobs));
  }, [values, blobs]);
  const revision = useDraftRevision(values, blobs);
  const [target, setTarget] = useState(draft.data.meta.target);
  const report = usePackReport(draft.id, packFiles, revision, origin, target);
  const saving = useDraftSaving({
    draft,
    storage,
    origin,
    nav: nav.state,
    target,
    values,
    blobs,
    revision,
  });

  const [jump, setJump] = useState<JumpRequest | null>(null);
  const jumpSeq = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useStepFocus(step, jump, headingRef);

  const coreErrors = useMemo(
    () => errorSteps(report.data?.findings ?? [], values),
    [report.data, values],
  );
  // After a "Next" the core refused, its errors on this step are listed until they are fixed.
  const reportPending = report.stale || report.isFetching;
  const [coreBlocked, setCoreBlocked] = useState<StepId | null>(null);
  const blocking = useMemo(
    () => stepErrors(report.data?.findings ?? [], values, step),
    [report.data, values, step],
  );
  const statuses = stepStatuses(
    nav.state,
    (s) => stepIsValid(s, values),
    coreErrors,
  );

  async function next() {
    if (!(await form.trigger())) {
      setCheckedStep(step);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    // One rulebook: what the core calls an error on this step blocks too. While the check is
    // still running on the latest change, the previous report may name what was just fixed: the
    // step is let through and its status shows the error once the report is in.
    if (!reportPending && blocking.length > 0) {
      setCoreBlocked(step);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    form.clearErrors();
    nav.dispatch({ type: "next" });
    setJump(null);
  }

  const { dispatch } = nav;
  const goToStep = useCallback(
    (s: StepId) => {
      form.clearErrors();
      setJump(null);
      dispatch({ type: "go", step: s });
    },
    [form, dispatch],
  );
  const goTo = useCallback(
    (target: FindingTarget) => {
      form.clearErrors();
      dispatch({ type: "go", step: target.step });
      setJump({ ...target, seq: ++jumpSeq.current });
    },
    [form, dispatch],
  );
  // An error summary's link to a text file: its tab comes on screen and the focus goes to the
  // line (useStepFocus), the summary staying as it is.
  const show = useCallback(
    (target: FindingTarget) => setJump({ ...target, seq: ++jumpSeq.current }),
    [],
  );
  const context = useMemo(
    () => ({
      draftId: draft.id,
      origin,
      blobs,
      addBlobs,
      get files() {
        return packFiles();
      },
      revision,
      report: report.data,
      reportPending,
      target,
      setTarget,
      jump,
      goTo,
      goToStep,
    }),
    [
      draft.id,
      origin,
      blobs,
      addBlobs,
      packFiles,
      revision,
      report.data,
      reportPending,
      target,
      jump,
      goTo,
      goToStep,
    ],
  );

  const index = STEP_IDS.indexOf(step);
  return (
    <WizardContext value={context}>
      <FormProvider {...form}>
        <div className="wizard">
          <WizardHeader
            values={values}
            save={saving.save}
            storageKind={storage.kind}
            onExport={() => onExport(saving.snapshot())}
          />
          <Stepper
            label="Steps"
            steps={STEP_IDS.map((id) => ({
              id,
              label: STEP_LABELS[id],
              status: statuses[id],
              reachable: nav.reachable(id),
            }))}
            onSelect={goToStep}
          />
          <form
            className="wizard__form"
            noValidate
            aria-labelledby="wizard-step-heading"
            onSubmit={(e) => {
              e.preventDefault();
              // A dialog's form (rendered through a portal) bubbles its submit here in React's tree.
              if (e.target !== e.currentTarget) return;
              if (index < STEP_IDS.length - 1) void next();
            }}
          >
            <h2
              id="wizard-step-heading"
              ref={headingRef}
              tabIndex={-1}
              className="wizard__heading"
            >
              <span className="wizard__step-count">
                Step {index + 1} of {STEP_IDS.length}:
              </span>{" "}
              {STEP_LABELS[step]}
            </h2>
            <ErrorSummary
              ref={summaryRef}
              errors={[
                ...summaryErrors(form.formState.errors, values).map(
                  ({ target, ...e }) =>
                    target ? { ...e, onFollow: () => show(target) } : e,
                ),
                ...(coreBlocked === step
                  ? blocking.map(({ finding, target }) => ({
                      id: summaryLinkId(target),
                      message: finding.message,
                      ...(target.kind === "text"
                        ? { onFollow: () => show(target) }
                        : {}),
                    }))
                  : []),
              ]}
            />
            <StepBody
              step={step}
              onPublished={() => {
                saving.markPublished();
                onPublished();
              }}
            />
            <WizardFooter
              step={step}
              onBack={() => {
                form.clearErrors();
                dispatch({ type: "back" });
              }}
            />
          </form>
        </div>
      </FormProvider>
    </WizardContext>
  );
}

/**
 * Where a core error's link in the error summary goes: its field, its line in its file's editor
 * (else the editor), else the step.
 */
function summaryLinkId(target: FindingTarget): string {
  switch (target.kind) {
    case "field":
      return fieldId(target.field);
    case "text":
      return textTargetId(target);
    case "file":
      return "wizard-step-heading";
  }
}
