import {
  permissionManagerTemplate,
  prometheusGrafanaTemplate,
} from "@/features/wizard/templates/addon-templates";
import {
  awsOsTemplate,
  azureOsTemplate,
  vsphereOvaOsTemplate,
  vsphereTemplateOsTemplate,
} from "@/features/wizard/templates/os-templates";
import type { PackTemplate } from "@/features/wizard/templates/pack-template";

/** The Start step's templates, one per example of the pack-format documents. */
export const TEMPLATES: readonly PackTemplate[] = [
  awsOsTemplate,
  vsphereTemplateOsTemplate,
  vsphereOvaOsTemplate,
  azureOsTemplate,
  prometheusGrafanaTemplate,
  permissionManagerTemplate,
];
