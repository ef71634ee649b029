import type { ReactNode } from "react";

import { MainNav } from "@/components/layout/main-nav";
import { SessionControl } from "@/components/layout/session-control";
import { ThemeSwitch } from "@/components/layout/theme-switch";

import "./app-header.css";
import { Link } from "@/components/ui/link";
import { paths } from "@/config/paths";

type AppShellProps = {
  children: ReactNode;
};

/** The frame around every page: skip link, banner with the product name, navigation, theme and sign-in state, and the main landmark. */
export function AppShell({ children }: AppShellProps) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <Link className="app-header__brand" to={paths.home}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          Packsmith
        </Link>
        <MainNav />
        <div className="app-header__end">
          <ThemeSwitch />
          <SessionControl />
        </div>
      </header>
      {/* tabIndex -1 lets the skip link and route changes move focus here without adding a tab stop. */}
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
