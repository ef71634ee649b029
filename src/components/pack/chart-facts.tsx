import type { ReactNode } from "react";

import type { ChartInfo, ChartMaintainer } from "@/pack/chart";

import { ExternalLink } from "./external-link";
import type { HeadingTag } from "./chart-heading";

/** All of Chart.yaml's own fields: what the chart is, where it comes from, who keeps it. */
export function ChartFacts({
  chart: c,
  heading: Heading,
}: {
  chart: ChartInfo;
  heading: HeadingTag;
}) {
  const facts: [string, ReactNode][] = [];
  const add = (label: string, value: ReactNode | undefined) => {
    if (value !== undefined) facts.push([label, value]);
  };
  add("Chart", c.name);
  add("Version", c.version);
  add("App version", c.appVersion);
  add("Type", c.type ?? "application (not set: Helm's default)");
  add("Kubernetes versions", c.kubeVersion);
  add("API version", c.apiVersion);
  add("Description", c.description);
  add("Deprecated", c.deprecated ? "Yes: the chart is deprecated" : undefined);
  add(
    "Home",
    c.home !== undefined ? <ExternalLink text={c.home} /> : undefined,
  );
  add(
    "Sources",
    c.sources.length > 0 ? (
      <ul className="chart__inline-list">
        {c.sources.map((s, i) => (
          <li key={i}>
            <ExternalLink text={s} />
          </li>
        ))}
      </ul>
    ) : undefined,
  );
  add(
    "Keywords",
    c.keywords.length > 0 ? (
      <ul className="chart__keywords">
        {c.keywords.map((k, i) => (
          <li key={i}>{k}</li>
        ))}
      </ul>
    ) : undefined,
  );
  const annotations = Object.entries(c.annotations);

  return (
    <>
      <Heading>Chart.yaml</Heading>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label} className="facts__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <Heading>Maintainers ({c.maintainers.length})</Heading>
      {c.maintainers.length === 0 ? (
        <p className="pack-note">Chart.yaml names no maintainers.</p>
      ) : (
        <ul className="chart__maintainers">
          {c.maintainers.map((m, i) => (
            <Maintainer key={i} maintainer={m} />
          ))}
        </ul>
      )}
      {annotations.length > 0 && (
        <>
          <Heading>Annotations ({annotations.length})</Heading>
          <dl className="facts chart__annotations">
            {annotations.map(([key, value]) => (
              <div key={key} className="facts__row">
                <dt>
                  <code>{key}</code>
                </dt>
                <dd>
                  {value.includes("\n") ? (
                    <pre className="chart__annotation">{value}</pre>
                  ) : (
                    value
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </>
  );
}

function Maintainer({ maintainer: m }: { maintainer: ChartMaintainer }) {
  return (
    <li>
      {m.name}
      {m.email !== undefined && (
        <>
          {" · "}
          <ExternalLink text={m.email} kind="email" />
        </>
      )}
      {m.url !== undefined && (
        <>
          {" · "}
          <ExternalLink text={m.url} />
        </>
      )}
    </li>
  );
}
