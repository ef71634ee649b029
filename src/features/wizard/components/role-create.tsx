import { useState } from "react";

import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/text-input";
import { checkNewRoleName } from "@/features/wizard/model/ansible-role";

const ID = "new-role-name";
const HINT =
  "Lower-case letters, digits and _, e.g. harden_extra. The role gets tasks/main.yml to edit.";

/** Create an empty role by name: its folder, with a tasks/main.yml skeleton. */
export function RoleCreate({
  existing,
  onCreate,
}: {
  existing: readonly string[];
  onCreate: (name: string) => void;
}) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);

  function create() {
    const r = checkNewRoleName(name, existing);
    if (!r.ok) {
      setError(r.error);
      document.getElementById(ID)?.focus();
      return;
    }
    setError(undefined);
    setName("");
    onCreate(r.value);
  }

  return (
    <div className="role-create">
      <Field id={ID} label="New role" hint={HINT} error={error}>
        <TextInput
          id={ID}
          value={name}
          invalid={Boolean(error)}
          aria-describedby={describedBy(ID, { hint: HINT, error })}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            // Enter creates the role, not "Next" of the wizard's form.
            if (e.key === "Enter") {
              e.preventDefault();
              create();
            }
          }}
        />
      </Field>
      <Button onClick={create}>Create role</Button>
    </div>
  );
}
