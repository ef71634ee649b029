import type { ReactNode } from "react";

import { httpHref, mailtoHref } from "./safe-href";

/**
 * Text from a chart that may be a web address or an e-mail address: a link that opens in a new
 * tab without access to this page (`noopener`), sends no referrer and vouches for nothing
 * (`nofollow`) when it is plain http(s) or one address, else the text as it is.
 */
export function ExternalLink({
  text,
  kind = "url",
  children,
}: {
  text: string;
  kind?: "url" | "email";
  children?: ReactNode;
}) {
  const href = kind === "email" ? mailtoHref(text) : httpHref(text);
  const label = children ?? text;
  if (!href) return <span className="break">{label}</span>;
  return (
    <a
      href={href}
      className="break"
      {...(kind === "url"
        ? { target: "_blank", rel: "noopener noreferrer nofollow" }
        : {})}
    >
      {label}
    </a>
  );
}
