/**
 * A message whose `backticked` parts are code, as the core writes its findings and notes: each
 * pair of backticks becomes `<code>`. An unpaired backtick stays as written.
 */
export function CodeText({ text }: { text: string }) {
  const parts = text.split("`");
  // An even number of parts means an odd number of backticks: the last one has no partner.
  const unpaired = parts.length % 2 === 0 ? parts.length - 1 : -1;
  return parts.map((part, i) =>
    i % 2 === 0 ? (
      part
    ) : i === unpaired ? (
      `\`${part}`
    ) : (
      <code key={i}>{part}</code>
    ),
  );
}
