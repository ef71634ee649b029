/**
 * A message whose `backticked` parts are code, as the core writes its findings and notes: each
 * pair of backticks becomes `<code>`. An unpaired backtick stays as written.
 */
export function CodeText({ text }: { text: string }) {
  const parts = text.split("`");
  // An even number of parts means an odd number of backticks: the last one has no partner.
  const paired = parts.length % 2 === 1 ? parts : null;
  if (!paired) {
    const last = text.lastIndexOf("`");
    return (
      <>
        <CodeText text={text.slice(0, last)} />
        {text.slice(last)}
      </>
    );
  }
  return paired.map((part, i) =>
    i % 2 === 1 ? <code key={i}>{part}</code> : part,
  );
}
