import type { ArchiveError } from "@/pack/archive-error";
import type { ChartArchive, ChartError, ChartInfo } from "@/pack/chart";
import type { FileDigest } from "@/pack/digest";
import type { PackFiles } from "@/pack/pack-files";
import type { ArchiveFormat } from "@/pack/read-archive";
import type { Result } from "@/pack/result";
import type { ValidateOptions, ValidationReport } from "@/pack/validate";

/** Each call the worker answers: its arguments and what it resolves to. */
export interface PackWorkerMethods {
  readArchive: {
    args: [bytes: Uint8Array, name: string];
    result: Result<{ files: PackFiles; format: ArchiveFormat }, ArchiveError>;
  };
  fromEntries: {
    args: [entries: { path: string; bytes: Uint8Array }[]];
    result: Result<PackFiles, ArchiveError>;
  };
  validate: {
    args: [files: PackFiles, opts?: ValidateOptions];
    result: ValidationReport;
  };
  writeZip: { args: [files: PackFiles, top: string]; result: Uint8Array };
  writeTarGz: { args: [files: PackFiles, top: string]; result: Uint8Array };
  digest: {
    args: [files: PackFiles];
    result: { digest: string; files: FileDigest[] };
  };
  readChart: {
    args: [bytes: Uint8Array, name: string];
    result: Result<ChartInfo, ChartError>;
  };
  readChartArchive: {
    args: [bytes: Uint8Array, name: string];
    result: Result<ChartArchive, ChartError>;
  };
  sha256: { args: [bytes: Uint8Array]; result: string };
}

export type PackMethod = keyof PackWorkerMethods;

/** page → worker. `id` pairs the answer with its call. */
export type PackRequest = {
  [M in PackMethod]: {
    id: number;
    method: M;
    args: PackWorkerMethods[M]["args"];
  };
}[PackMethod];

/** worker → page: progress (any number), then exactly one result or error. */
export type PackResponse =
  | { id: number; type: "progress"; percent: number }
  | { id: number; type: "result"; value: unknown }
  | { id: number; type: "error"; error: { name: string; message: string } };
