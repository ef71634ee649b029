import { parseArgs } from "node:util";
import {
  COMMANDS,
  GLOBAL_OPTIONS,
  isCommand,
  OPTIONS,
  type OptionName,
  type OptionValues,
} from "./commands";

export interface CommandLine {
  /** The first word that is not an option, when there is one. */
  command: string | undefined;
  /** The words after the command. */
  args: string[];
  values: OptionValues;
  /**
   * What is wrong with the options for `command` (for the whole command line when the command
   * is missing or unknown), as one line for `packsmith <command>: …`; null when nothing is.
   */
  problem: string | null;
}

const isOption = (name: string): name is OptionName =>
  Object.hasOwn(OPTIONS, name);

/**
 * Split `argv` into the command, its words and its options, and find the first thing wrong with
 * the options: one the command does not take, a value missing or given to a flag, an option
 * given twice. parseArgs runs in its lenient mode only to cut `argv` into tokens: its strict mode
 * throws one message for all of these, with a quote left open, and knows nothing of commands.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const words: string[] = [];
  for (const t of tokens) if (t.kind === "positional") words.push(t.value);
  const [command, ...args] = words;
  const known = command !== undefined && isCommand(command);
  const takes = new Set<string>([
    ...GLOBAL_OPTIONS,
    ...(known ? COMMANDS[command].options : []),
  ]);
  const helpHint = known
    ? `packsmith ${command} --help lists its options`
    : "packsmith --help lists the commands and their options";
  const values: Record<string, string | boolean> = {};
  let problem: string | null = null;
  const refuse = (why: string): void => {
    problem ??= why;
  };
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const raw = t.rawName;
    if (!isOption(t.name)) {
      refuse(`unknown option ${raw} (${helpHint})`);
      continue;
    }
    if (known && !takes.has(t.name)) {
      refuse(`${raw} is not an option of ${command} (${helpHint})`);
      continue;
    }
    if (OPTIONS[t.name].type === "boolean") {
      if (t.value !== undefined) refuse(`${raw} takes no value`);
      values[t.name] = true;
      continue;
    }
    if (t.value === undefined || (!t.inlineValue && t.value.startsWith("-"))) {
      refuse(
        `${raw} needs a value${t.value === undefined ? "" : `, not ${t.value} (write ${raw}=${t.value} for one that starts with -)`}`,
      );
      continue;
    }
    if (t.name in values) {
      refuse(
        `${raw} is given twice (${String(values[t.name])}, ${t.value}); give it once`,
      );
      continue;
    }
    values[t.name] = t.value;
  }
  return { command, args, values: values as OptionValues, problem };
}
