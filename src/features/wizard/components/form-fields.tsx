import type { ChangeEvent, ReactNode } from "react";
import {
  get,
  useFormContext,
  useFormState,
  type FieldPath,
} from "react-hook-form";

import { describedBy, Field } from "@/components/ui/field";
import { Select, type SelectOption } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import {
  fieldId,
  findingTarget,
} from "@/features/wizard/model/finding-targets";
import { CodeText } from "@/components/ui/code-text";

type Name = FieldPath<WizardValues>;

/** The core's warnings and notes for one form field, as advice under it. */
export function useFieldAdvice(name: Name): string[] {
  const { report, reportPending } = useWizard();
  const { getValues } = useFormContext<WizardValues>();
  // Advice from a report on an older state of the draft would contradict what is on screen.
  if (!report || reportPending) return [];
  const values = getValues();
  return report.findings
    .filter((f) => f.severity !== "error")
    .filter((f) => {
      const t = findingTarget(f, values);
      return t.kind === "field" && t.field === name;
    })
    .map((f) => f.message);
}

/** The error message react-hook-form holds for a field. */
export function useFieldError(name: string): string | undefined {
  const { control } = useFormContext<WizardValues>();
  const { errors } = useFormState({ control, name: name as Name });
  const e = get(errors, name) as { message?: string } | undefined;
  return e?.message;
}

interface TextFieldProps {
  name: Name;
  label: ReactNode;
  hint?: ReactNode;
  /** Advice of the wizard itself, shown with the core's. */
  advice?: string | null;
  required?: boolean;
  placeholder?: string;
  autoComplete?: string;
  type?: "text" | "password" | "url";
  inputMode?: "text" | "numeric" | "url";
  className?: string;
  /** Called after the form has taken the new value. */
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void;
}

/** A registered text input with its label, hint, error and the core's advice. */
export function TextField({
  name,
  label,
  hint,
  advice,
  required,
  className,
  onChange,
  ...input
}: TextFieldProps) {
  const { register } = useFormContext<WizardValues>();
  const error = useFieldError(name);
  const coreAdvice = useFieldAdvice(name);
  const id = fieldId(name);
  const allAdvice = [advice, ...coreAdvice].filter(Boolean);
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      error={error}
      required={required}
      className={className}
      advice={
        allAdvice.length ? <CodeText text={allAdvice.join(" ")} /> : undefined
      }
    >
      <TextInput
        id={id}
        invalid={Boolean(error)}
        aria-describedby={describedBy(id, { hint, error })}
        spellCheck={false}
        {...input}
        {...register(name, onChange ? { onChange } : {})}
      />
    </Field>
  );
}

interface SelectFieldProps {
  name: Name;
  label: ReactNode;
  hint?: ReactNode;
  options: readonly SelectOption[];
  placeholder?: string;
  required?: boolean;
}

/** A registered native select with its label, hint, error and the core's advice. */
export function SelectField({
  name,
  label,
  hint,
  options,
  placeholder,
  required,
}: SelectFieldProps) {
  const { register } = useFormContext<WizardValues>();
  const error = useFieldError(name);
  const advice = useFieldAdvice(name);
  const id = fieldId(name);
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      error={error}
      required={required}
      advice={advice.length ? <CodeText text={advice.join(" ")} /> : undefined}
    >
      <Select
        id={id}
        options={options}
        placeholder={placeholder}
        invalid={Boolean(error)}
        aria-describedby={describedBy(id, { hint, error })}
        {...register(name)}
      />
    </Field>
  );
}
