import type {
  OsFields,
  WizardValues,
} from "@/features/wizard/model/draft-schema";
import {
  EMPTY_OS,
  emptyValues,
  readmeSkeleton,
} from "@/features/wizard/model/empty-values";
import type { PackTemplate } from "@/features/wizard/templates/pack-template";

/*
 * OS packs after the documented examples (pack-format §A.6 and §C.1). Values that only the user
 * knows (the AMI id, its owner, the template path or the .ova address) are left empty: the
 * Content step asks for them.
 */

function osPack(
  basics: Partial<WizardValues["basics"]>,
  os: Partial<OsFields>,
): WizardValues {
  const base = emptyValues();
  const displayName = basics.displayName ?? "";
  return {
    ...base,
    basics: { ...base.basics, layer: "os", addonType: "", ...basics },
    os: {
      ...EMPTY_OS,
      os_spectro_version: "0",
      skipK8sInstall: "false",
      ...os,
    },
    annotations: [],
    files: { ...base.files, values: "", readme: readmeSkeleton(displayName) },
  };
}

export const awsOsTemplate: PackTemplate = {
  id: "aws-os",
  title: "AWS custom OS pack",
  description:
    "An OS layer that builds clusters from your own AMI (region, image id and owner).",
  create: () => ({
    values: osPack(
      {
        name: "golden-centos-aws",
        displayName: "CentOS",
        version: "7.7.1908",
        cloudTypes: ["aws"],
        eol: "2024-06-30",
      },
      { cloudRegion: "us-east-1", osName: "centos", sshUsername: "centos" },
    ),
    blobs: new Map(),
  }),
};

export const vsphereTemplateOsTemplate: PackTemplate = {
  id: "vsphere-template-os",
  title: "vSphere OS pack from a local template",
  description:
    "An OS layer that clones a VM template already in your vCenter inventory.",
  create: () => ({
    values: osPack(
      {
        name: "ubuntu-vsphere",
        displayName: "Ubuntu (vSphere template)",
        version: "22.4.4",
        cloudTypes: ["vsphere"],
        group: "LTS",
      },
      {
        folder: "spectro-templates",
        vsphereSource: "template",
        osName: "ubuntu",
        sshUsername: "ubuntu",
      },
    ),
    blobs: new Map(),
  }),
};

export const vsphereOvaOsTemplate: PackTemplate = {
  id: "vsphere-ova-os",
  title: "vSphere OS pack from a remote .ova",
  description:
    "An OS layer whose image Palette downloads from an HTTPS .ova address.",
  create: () => ({
    values: osPack(
      {
        name: "ubuntu-vsphere-ova",
        displayName: "Ubuntu (vSphere OVA)",
        version: "22.4.4",
        cloudTypes: ["vsphere"],
        group: "LTS",
      },
      {
        folder: "spectro-templates",
        vsphereSource: "ova",
        osName: "ubuntu",
        sshUsername: "ubuntu",
      },
    ),
    blobs: new Map(),
  }),
};

export const azureOsTemplate: PackTemplate = {
  id: "azure-os",
  title: "Azure custom OS pack",
  description:
    "An OS layer from an Azure Marketplace image (publisher, offer and SKU).",
  create: () => ({
    values: osPack(
      {
        name: "ubuntu-azure",
        displayName: "Ubuntu (Azure)",
        version: "22.4.4",
        cloudTypes: ["azure"],
        group: "LTS",
      },
      {
        imagePublisher: "Canonical",
        imageOffer: "0001-com-ubuntu-server-jammy",
        imageSKU: "22_04-lts-gen2",
        osName: "ubuntu",
        sshUsername: "ubuntu",
      },
    ),
    blobs: new Map(),
  }),
};
