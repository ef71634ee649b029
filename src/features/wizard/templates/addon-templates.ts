import {
  emptyValues,
  readmeSkeleton,
} from "@/features/wizard/model/empty-values";
import type { PackTemplate } from "@/features/wizard/templates/pack-template";
import {
  PERMISSION_MANAGER_MANIFEST,
  PERMISSION_MANAGER_VALUES,
} from "@/features/wizard/templates/permission-manager-content";

const encoder = new TextEncoder();

/*
 * Values for a Prometheus + Grafana monitoring pack built on the kube-prometheus-stack chart. The
 * chart itself is not bundled (it is large and versioned upstream): the Content step asks for its
 * .tgz, and dropping it keeps these values (an existing `charts.<name>` block is never replaced).
 */
const PROMETHEUS_GRAFANA_VALUES = `pack:
  namespace: monitoring
  content:
    images:
      - image: quay.io/prometheus/prometheus:v2.53.1
      - image: quay.io/prometheus-operator/prometheus-operator:v0.75.2
      - image: quay.io/prometheus/alertmanager:v0.27.0
      - image: docker.io/grafana/grafana:11.1.0
      - image: quay.io/prometheus/node-exporter:v1.8.2
      - image: registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0

charts:
  kube-prometheus-stack:
    grafana:
      enabled: true
      # Set a password, or leave empty for a generated one.
      adminPassword: ""
      service:
        type: ClusterIP
    prometheus:
      prometheusSpec:
        retention: 10d
    alertmanager:
      enabled: true
`;

export const prometheusGrafanaTemplate: PackTemplate = {
  id: "prometheus-grafana",
  title: "Prometheus-Grafana helm add-on",
  description:
    "A monitoring add-on from the kube-prometheus-stack Helm chart: you drop the chart's .tgz.",
  create: () => {
    const base = emptyValues();
    return {
      values: {
        ...base,
        basics: {
          ...base.basics,
          layer: "addon",
          addonType: "monitoring",
          name: "prometheus-grafana",
          displayName: "Prometheus Grafana",
          version: "1.0.0",
          cloudTypes: ["all"],
        },
        annotations: [
          { key: "source", value: "community" },
          { key: "ingressSupported", value: "true" },
        ],
        files: {
          ...base.files,
          values: PROMETHEUS_GRAFANA_VALUES,
          readme: readmeSkeleton("Prometheus Grafana"),
        },
      },
      blobs: new Map(),
    };
  },
};

export const permissionManagerTemplate: PackTemplate = {
  id: "permission-manager",
  title: "Permission Manager manifest add-on",
  description:
    "The Permission Manager pack from pack-central: one templated manifest and its values.",
  create: (newId) => {
    const base = emptyValues();
    const manifest = newId();
    return {
      values: {
        ...base,
        basics: {
          ...base.basics,
          layer: "addon",
          addonType: "authentication",
          name: "permission-manager",
          displayName: "Permission Manager",
          version: "1.0.0",
          cloudTypes: ["all"],
        },
        annotations: [
          { key: "ingressSupported", value: "true" },
          {
            key: "docsURL",
            value:
              "https://docs.spectrocloud.com/integrations/permission-manager",
          },
          { key: "source", value: "community" },
          { key: "contributor", value: "spectrocloud" },
        ],
        constraints: {
          dependencies: [
            {
              packName: "kubernetes",
              layer: "k8s",
              minVersion: "",
              maxVersion: "1.21.49",
              type: "optional",
            },
          ],
          resources: [],
        },
        manifests: [
          { blob: manifest, path: "manifests/permission-manager.yaml" },
        ],
        files: {
          ...base.files,
          values: PERMISSION_MANAGER_VALUES,
          readme: readmeSkeleton("Permission Manager"),
        },
      },
      blobs: new Map([[manifest, encoder.encode(PERMISSION_MANAGER_MANIFEST)]]),
    };
  },
};
