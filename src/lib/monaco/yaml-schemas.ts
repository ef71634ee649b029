/** One entry of monaco-yaml's `schemas` option. */
export interface YamlSchemaSetting {
  uri: string;
  fileMatch: string[];
  schema: Record<string, unknown>;
}

const isSchemaObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * monaco-yaml's `schemas` for the schema of each open YAML model (model URI → JSON Schema).
 * monaco-yaml holds one configuration for the whole page, so every editor's schema is merged here.
 * Each schema gets its own in-memory URI and loses a top-level `$id`: with schema requests off, an
 * `$id` that differs from `uri` makes monaco-yaml report "Unable to load schema". Anything that is
 * not a JSON object (a boolean schema, a parse failure) is left out.
 */
export function yamlSchemaSettings(
  schemas: ReadonlyMap<string, unknown>,
): YamlSchemaSetting[] {
  const settings: YamlSchemaSetting[] = [];
  for (const [modelUri, schema] of schemas) {
    if (!isSchemaObject(schema)) continue;
    const rest = Object.fromEntries(
      Object.entries(schema).filter(([key]) => key !== "$id" && key !== "id"),
    );
    settings.push({
      uri: `${modelUri}.schema.json`,
      fileMatch: [modelUri],
      schema: rest,
    });
  }
  return settings;
}
