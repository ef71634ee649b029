import type {
  OsFields,
  WizardValues,
} from "@/features/wizard/model/draft-schema";

export const EMPTY_OS: OsFields = {
  osName: "",
  os_spectro_version: "",
  sshUsername: "",
  sshPassword: "",
  skipK8sInstall: "",
  cloudRegion: "",
  imageId: "",
  imageOwner: "",
  vsphereSource: "template",
  folder: "",
  imagePublisher: "",
  imageOffer: "",
  imageSKU: "",
};

/** A README skeleton after pack-central's template (pack-format §B.8), for new packs. */
export function readmeSkeleton(title: string): string {
  return `# ${title || "My pack"}

Describe what this pack installs and why someone would add it to a cluster profile.

## Prerequisites

- Kubernetes version and any pack this one depends on.

## Parameters

| Parameter | Description | Default |
|---|---|---|
| \`pack.namespace\` | Namespace the pack installs into | |

## Upgrade

How to move from the previous version.

## Usage

Add the pack to a cluster profile, review its values and deploy.

## References

- Link to the upstream project's documentation.
`;
}

/** Whether `readme` is the skeleton as the builder wrote it, under any title: nobody edited it. */
export function isReadmeSkeleton(readme: string | null): boolean {
  const title = readme?.match(/^# (.*)\n/)?.[1];
  return title !== undefined && readme === readmeSkeleton(title);
}

/**
 * The README for the display name `title`: while it is the untouched skeleton its title follows;
 * a README the user edited, or none, is left as it is.
 */
export const retitledReadme = (
  readme: string | null,
  title: string,
): string | null => (isReadmeSkeleton(readme) ? readmeSkeleton(title) : readme);

/** The state of a blank pack. */
export function emptyValues(): WizardValues {
  return {
    basics: {
      layer: "addon",
      addonType: "",
      name: "",
      displayName: "",
      version: "1.0.0",
      group: "",
      eol: "",
      cloudTypes: ["all"],
    },
    os: { ...EMPTY_OS, os_spectro_version: "0", skipK8sInstall: "false" },
    annotations: [{ key: "source", value: "community" }],
    constraints: { dependencies: [], resources: [] },
    charts: [],
    manifests: [],
    roles: [],
    logo: null,
    files: {
      values: "",
      readme: readmeSkeleton(""),
      presets: null,
      schema: null,
    },
    extras: { files: [], packJson: {}, keep: [] },
  };
}
