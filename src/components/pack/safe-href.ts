/**
 * Links taken from a chart's Chart.yaml (home, sources, maintainers, dependency repositories) are
 * untrusted text: only these shapes become links, everything else is shown as text.
 */

/** An absolute http(s) URL, normalised; null for any other scheme (`javascript:`, `data:`, `oci:`) or non-URL. */
export function httpHref(text: string): string | null {
  const s = text.trim();
  if (!/^https?:\/\//i.test(s)) return null;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // Credentials in a link are a phishing trick (`https://good.example@evil.example`).
  if (url.username !== "" || url.password !== "") return null;
  return url.href;
}

const EMAIL =
  /^[^\s@<>()[\]\\,;:"?&/#%]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/** `mailto:` for one plain address; null when the text is not one (so nothing can ride along). */
export function mailtoHref(email: string): string | null {
  const s = email.trim();
  return s.length <= 254 && EMAIL.test(s) ? `mailto:${s}` : null;
}
