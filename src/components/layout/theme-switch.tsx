import { useId, useState } from "react";

import { setTheme, storedTheme, THEMES, type Theme } from "@/lib/theme";

const LABELS: Record<Theme, string> = {
  system: "System",
  light: "Light",
  dark: "Dark",
};

/** System, light or dark: applied at once and remembered in this browser. */
export function ThemeSwitch() {
  const id = useId();
  const [theme, setChosen] = useState<Theme>(storedTheme);
  return (
    <div className="theme-switch">
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        className="theme-switch__select"
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          setChosen(next);
          setTheme(next);
        }}
      >
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {LABELS[t]}
          </option>
        ))}
      </select>
    </div>
  );
}
