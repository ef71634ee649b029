import type { AnchorHTMLAttributes, MouseEvent } from "react";

import { isPlainLeftClick, navigate } from "@/lib/location";

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  to: string;
};

/**
 * An ordinary anchor that navigates in-app on a plain left click. Modified clicks (new tab, new
 * window, download) keep the browser's behaviour, so the link stays a real link.
 */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      !isPlainLeftClick(event) ||
      (rest.target !== undefined && rest.target !== "_self")
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  }

  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
