/**
 * Re-indent and normalise YAML, keeping comments. Rejects with an Error naming the first problem
 * when the text is not valid YAML. The formatter is loaded on first use.
 */
export async function formatYaml(text: string): Promise<string> {
  const { formatYamlText } = await import("./format-yaml-text");
  return formatYamlText(text);
}
