import { spawnSync, execFileSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import {
  generateKeyPairSync,
  randomBytes,
  randomInt,
  type KeyObject,
} from "node:crypto";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/pack/finding";
import type { PackFiles } from "../../src/pack/pack-files";
import { secretFindings } from "../../src/pack/secrets";
import { validatePack } from "../../src/pack/validate";
import { FIXTURES, fixtureDirsOnDisk, loadFixture } from "../helpers/fixtures";

// Every key and token here is generated at run time: none is a real credential, and none is
// written into the repository.

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const scan = (path: string, text: string, prefix?: string): Finding[] =>
  secretFindings(
    new Map([[path, enc(text)]]),
    prefix === undefined ? {} : { prefix },
  );
const brief = (fs: readonly Finding[]): string[] =>
  fs.map((f) => `${f.code}@${f.line ?? "-"}`);

/** Fails when a message holds any 8-character window of the secret (nor the whole of it). */
function expectNotLeaked(findings: readonly Finding[], secret: string): void {
  const body = secret.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
  for (const f of findings)
    for (let i = 0; i + 8 <= body.length; i++)
      if (f.message.includes(body.slice(i, i + 8)))
        throw new Error(
          `${f.code} message leaks "${body.slice(i, i + 8)}": ${f.message}`,
        );
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const randomFrom = (chars: string, n: number): string =>
  Array.from({ length: n }, () => chars[randomInt(chars.length)]).join("");
const b64 = (n: number): string => randomBytes(n).toString("base64");

const pem = (key: KeyObject, type: "pkcs1" | "pkcs8" | "sec1"): string =>
  key.export({ format: "pem", type }) as string;
/** A PEM block of an arbitrary label with a random body, wrapped like real keys. */
const syntheticPem = (label: string, bytes: number): string =>
  `-----BEGIN ${label}-----\n${b64(bytes)
    .match(/.{1,70}/g)!
    .join("\n")}\n-----END ${label}-----\n`;

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
const ed = generateKeyPairSync("ed25519").privateKey;
const KEYS: [string, string][] = [
  ["RSA PKCS#1", pem(rsa, "pkcs1")],
  ["RSA PKCS#8", pem(rsa, "pkcs8")],
  ["EC SEC1", pem(ec, "sec1")],
  ["EC PKCS#8", pem(ec, "pkcs8")],
  ["ed25519 PKCS#8 (the shortest real body)", pem(ed, "pkcs8")],
  [
    "encrypted PKCS#8",
    rsa.export({
      format: "pem",
      type: "pkcs8",
      cipher: "aes-256-cbc",
      passphrase: "test only",
    }) as string,
  ],
  [
    "encrypted PKCS#1 with Proc-Type headers",
    rsa.export({
      format: "pem",
      type: "pkcs1",
      cipher: "aes-128-cbc",
      passphrase: "test only",
    }) as string,
  ],
  ["OpenSSH", syntheticPem("OPENSSH PRIVATE KEY", 400)],
  ["DSA", syntheticPem("DSA PRIVATE KEY", 440)],
];

describe("SECRET_PRIVATE_KEY", () => {
  it.each(KEYS)("%s at line 3 of a file", (_, key) => {
    const f = scan("cert/key.pem", `# a comment\n\n${key}`);
    expect(brief(f)).toEqual(["SECRET_PRIVATE_KEY@3"]);
    expect(f[0]).toMatchObject({ severity: "warning", file: "cert/key.pem" });
    expect(f[0]!.message).toMatch(/private key/);
    expectNotLeaked(f, key);
  });

  it.each([
    [
      "a YAML block scalar",
      (k: string) => `tls:\n  key: |\n${indent(k, 4)}`,
      3,
    ],
    ["a commented-out block", (k: string) => `a: 1\n${indent(k, 2, "# ")}`, 2],
    [
      "a JSON string with \\n escapes",
      (k: string) => `{\n  "key": ${JSON.stringify(k)}\n}\n`,
      2,
    ],
    [
      "one line whose line breaks became spaces",
      (k: string) => `KEY="${k.trim().replace(/\n/g, " ")}"\n`,
      1,
    ],
    [
      "Windows line endings",
      (k: string) => `x: 1\r\n${k.replace(/\n/g, "\r\n")}`,
      2,
    ],
  ])("in %s", (_, wrap, line) => {
    const key = pem(ec, "pkcs8");
    const f = scan("values.yaml", wrap(key));
    expect(brief(f)).toEqual([`SECRET_PRIVATE_KEY@${line}`]);
    expectNotLeaked(f, key);
  });

  it("finds a base64-encoded PEM key (a Secret's tls.key, one line or folded)", () => {
    const key = pem(rsa, "pkcs1");
    const one = Buffer.from(key).toString("base64");
    const folded = one.match(/.{1,76}/g)!.join("\n    ");
    const f = scan("notes.txt", `tls.key: ${one}\nother: |\n    ${folded}\n`);
    expect(brief(f)).toEqual(["SECRET_PRIVATE_KEY@1", "SECRET_PRIVATE_KEY@3"]);
    expect(f[0]!.message).toMatch(/base64-encoded PEM private key \(RSA\)/);
    expectNotLeaked(f, key);
    expectNotLeaked(f, one);
  });

  it("a base64 certificate is not a key", () => {
    const cert = Buffer.from(syntheticPem("CERTIFICATE", 600)).toString(
      "base64",
    );
    expect(scan("x.yaml", `tls.crt: ${cert}\n`)).toEqual([]);
  });

  it.each([
    [
      "argo-cd's commented example",
      "# sshPrivateKey: |\n#   -----BEGIN OPENSSH PRIVATE KEY-----\n#   ...\n#   -----END OPENSSH PRIVATE KEY-----\n",
    ],
    [
      "redis-ha's one-line example",
      "# 'key' should be one line i.e. '-----BEGIN RSA PRIVATE KEY-----\\n...\\n...\\n-----END RSA PRIVATE KEY-----'\n",
    ],
    [
      "a <your key> placeholder",
      "key: |\n  -----BEGIN PRIVATE KEY-----\n  <your key>\n  -----END PRIVATE KEY-----\n",
    ],
    [
      "a truncated body",
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\n",
    ],
    [
      "a body of one repeated letter",
      `-----BEGIN PRIVATE KEY-----\n${"x".repeat(64)}\n${"x".repeat(64)}\n-----END PRIVATE KEY-----\n`,
    ],
    [
      "a short body",
      "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n",
    ],
    ["a BEGIN line alone", "-----BEGIN PRIVATE KEY-----\n"],
    [
      "a key without its END line",
      pem(ec, "pkcs8").replace(/-----END[^\n]*\n/, "") + "more text\n",
    ],
    [
      "a public key",
      generateKeyPairSync("ed25519").publicKey.export({
        format: "pem",
        type: "spki",
      }) as string,
    ],
  ])("no finding for %s", (_, text) => {
    expect(scan("values.yaml", text)).toEqual([]);
  });
});

function indent(text: string, n: number, mark = ""): string {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => `${" ".repeat(n)}${mark}${l}`)
    .join("\n")
    .concat("\n");
}

/** An AWS-shaped key id built at run time (base32 alphabet, like the real ones). */
const awsId = (prefix: "AKIA" | "ASIA"): string =>
  prefix + randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);

describe("SECRET_CLOUD_KEY and SECRET_TOKEN", () => {
  /** Each case makes a file text and the secret in it. */
  const cases: [string, () => [string, string], string][] = [
    [
      "an AWS access key id alone",
      () => {
        const id = awsId("AKIA");
        return [`aws:\n  accessKeyId: ${id}\n`, id];
      },
      "SECRET_CLOUD_KEY@2",
    ],
    [
      "an AWS temporary key id",
      () => {
        const id = awsId("ASIA");
        return [`export AWS_ACCESS_KEY_ID=${id}\n`, id];
      },
      "SECRET_CLOUD_KEY@1",
    ],
    [
      "an AWS secret access key alone",
      () => {
        const key = randomFrom(ALNUM + "/+", 40);
        return [`[default]\naws_secret_access_key = ${key}\n`, key];
      },
      "SECRET_CLOUD_KEY@2",
    ],
    [
      "an Azure storage connection string",
      () => {
        const key = b64(64);
        return [
          `conn: "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=${key};EndpointSuffix=core.windows.net"\n`,
          key,
        ];
      },
      "SECRET_CLOUD_KEY@1",
    ],
    [
      "a GCP service-account JSON",
      () => {
        const key = pem(rsa, "pkcs8");
        const json = JSON.stringify(
          {
            type: "service_account",
            project_id: "demo",
            private_key_id: randomBytes(20).toString("hex"),
            private_key: key,
            client_email: "demo@demo.iam.gserviceaccount.com",
          },
          null,
          2,
        );
        return [json, key];
      },
      "SECRET_CLOUD_KEY@5",
    ],
    [
      "a GitHub classic token",
      () => {
        const t = `ghp_${randomFrom(ALNUM, 36)}`;
        return [`token: ${t}\n`, t];
      },
      "SECRET_TOKEN@1",
    ],
    [
      "a GitHub fine-grained token",
      () => {
        const t = `github_pat_${randomFrom(ALNUM, 22)}_${randomFrom(ALNUM, 59)}`;
        return [`x\nGITHUB_TOKEN="${t}"\n`, t];
      },
      "SECRET_TOKEN@2",
    ],
    [
      "a Slack bot token",
      () => {
        const t = `xoxb-${randomFrom("0123456789", 12)}-${randomFrom("0123456789", 13)}-${randomFrom(ALNUM, 24)}`;
        return [`slack: ${t}\n`, t];
      },
      "SECRET_TOKEN@1",
    ],
    [
      "a GitLab token",
      () => {
        const t = `glpat-${randomFrom(ALNUM + "_-", 20)}`;
        return [`gitlab:\n\n  token: '${t}'\n`, t];
      },
      "SECRET_TOKEN@3",
    ],
  ];
  it.each(cases)("%s", (_, make, expected) => {
    const [text, secret] = make();
    const f = scan("values.yaml", text);
    expect(brief(f)).toEqual([expected]);
    expectNotLeaked(f, secret);
  });

  it("an AWS key id and its secret key on the next line are two findings", () => {
    const text = `AWS_ACCESS_KEY_ID=${awsId("AKIA")}\nAWS_SECRET_ACCESS_KEY=${randomFrom(ALNUM + "/+", 40)}\n`;
    const f = scan("env", text);
    expect(brief(f)).toEqual(["SECRET_CLOUD_KEY@1", "SECRET_CLOUD_KEY@2"]);
    expect(f[0]!.message).toMatch(/AWS access key id/);
    expect(f[1]!.message).toMatch(/AWS secret access key/);
    expectNotLeaked(f, text.replace(/[A-Z_]+=/g, ""));
  });

  it.each([
    ["AWS's documented example id", "key: AKIAIOSFODNN7EXAMPLE\n"],
    [
      "AWS's documented example secret",
      "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
    ],
    ["redis-ha's placeholder", "# AWS_SECRET_ACCESS_KEY: <YOUR_ACCESS_KEY:>\n"],
    [
      "a templated secret key",
      'AWS_SECRET_ACCESS_KEY: "{{ .Values.restore.s3.secret_key | b64enc }}"\n',
    ],
    ["an id inside a longer word", `x: Z${awsId("AKIA")}\n`],
    ["an id running on", `x: ${awsId("AKIA")}Q\n`],
    ["a token prefix alone", "token: ghp_\nslack: xoxb-your-token\n"],
    ["an all-x token", `token: ghp_${"x".repeat(36)}\n`],
    ["a connection string placeholder", "AccountKey=<storage-account-key>\n"],
    ["an all-A account key", `AccountKey=${"A".repeat(86)}==\n`],
  ])("no finding for %s", (_, text) => {
    expect(scan("values.yaml", text)).toEqual([]);
  });
});

// A credential in a URL's user-info (`https://<token>@github.com/…`, `scheme://user:pass@host`)
// was missed: a token right after `//` looked like the tail of a base64 run, and a plain
// password has no shape of its own.
describe("credentials in a URL", () => {
  const ghp = (): string => `ghp_${randomFrom(ALNUM, 36)}`;
  const password = (): string => randomFrom(ALNUM + "-_.~", 20);
  /** Each case makes a file text and the secret in it. */
  const cases: [string, () => [string, string], string, RegExp][] = [
    [
      "a GitHub token as the user of a clone URL",
      () => {
        const t = ghp();
        return [`git:\n  repo: https://${t}@github.com/org/repo.git\n`, t];
      },
      "SECRET_TOKEN@2",
      /^a GitHub token is written in a `https:\/\/` URL in this file/,
    ],
    [
      "a GitHub token as the password (x-access-token)",
      () => {
        const t = `ghs_${randomFrom(ALNUM, 36)}`;
        return [`url: "https://x-access-token:${t}@github.com/o/r"\n`, t];
      },
      "SECRET_TOKEN@1",
      /^a GitHub token is written in a `https:\/\/` URL/,
    ],
    [
      "a GitLab token as the password (oauth2)",
      () => {
        const t = `glpat-${randomFrom(ALNUM, 20)}`;
        return [`# clone from https://oauth2:${t}@gitlab.com/o/r.git\n`, t];
      },
      "SECRET_TOKEN@1",
      /^a GitLab personal access token is written in a `https:\/\/` URL/,
    ],
    [
      "a user and password",
      () => {
        const p = password();
        return [`a: 1\nproxy:\n  url: https://user:${p}@proxy.corp:3128/\n`, p];
      },
      "SECRET_URL_CREDENTIAL@3",
      /^a password is written in a `https:\/\/` URL \(`user:password@host`\) in this file/,
    ],
    [
      "a database URL in a manifest's env",
      () => {
        const p = password();
        return [
          `env:\n  - name: DATABASE_URL\n    value: "postgresql://app:${p}@db:5432/app?sslmode=require"\n`,
          p,
        ];
      },
      "SECRET_URL_CREDENTIAL@3",
      /`postgresql:\/\/` URL/,
    ],
    [
      "a password with no user (redis)",
      () => {
        const p = password();
        return [`redis: redis://:${p}@redis-master:6379/0\n`, p];
      },
      "SECRET_URL_CREDENTIAL@1",
      /`redis:\/\/` URL/,
    ],
    [
      "a percent-encoded password",
      () => {
        const p = `${randomFrom(ALNUM, 8)}%40${randomFrom(ALNUM, 8)}`;
        return [`amqp: amqp://svc:${p}@rabbitmq/\n`, p];
      },
      "SECRET_URL_CREDENTIAL@1",
      /`amqp:\/\/` URL/,
    ],
  ];
  it.each(cases)("%s", (_, make, expected, message) => {
    const [text, secret] = make();
    for (const path of ["values.yaml", "manifests/app.yaml"]) {
      const f = scan(path, text);
      expect(brief(f)).toEqual([expected]);
      expect(f[0]).toMatchObject({ severity: "warning", file: path });
      expect(f[0]!.message).toMatch(message);
      expectNotLeaked(f, secret);
    }
  });

  it.each([
    [
      "Helm templates",
      'url: https://{{ .Values.user }}:{{ .Values.password }}@host/x\nb: "https://{{.Values.u}}:{{.Values.p}}@h"\n',
    ],
    [
      "shell and env expansion",
      "a: https://${USER}:${PASSWORD}@h\nb: postgres://app:$(DB_PASSWORD)@db\nc: https://u:$PASS@h\n",
    ],
    [
      "printf verbs",
      'v: {{ printf "postgresql://%s:%s@%s:%d/%s" .a .b .c .d .e }}\n',
    ],
    [
      "placeholders",
      "a: https://<user>:<password>@h\nb: https://user:password@h\nc: https://USER:PASSWORD@h\nd: https://u:DB_PASS@h\ne: https://u:xxxx@h\nf: https://u:your-token-here@h\n",
    ],
    [
      "a value naming itself (gridlight's CI values)",
      'DATABASE_URL: "postgres://gridlight:ci-postgres-pass@external-pg:5432/gridlight"\n',
    ],
    [
      "well-known defaults",
      "a: amqp://guest:guest@rabbitmq\nb: postgres://postgres:test@localhost/t\nc: http://admin:admin@grafana\n",
    ],
    [
      "a user alone or an empty password",
      "a: https://git@github.com/o/r.git\nb: ssh://git@github.com:22/o/r\nc: https://u:@h\n",
    ],
    [
      "no user-info",
      "a: https://github.com/o/r@v1\nb: oci://ghcr.io/o/chart@sha256:abc\nc: git@github.com:o/r.git\nd: mailto:ops@example.com\n",
    ],
    ["an all-x token", `a: https://ghp_${"x".repeat(36)}@github.com/o/r\n`],
  ])("no finding for %s", (_, text) => {
    expect(scan("values.yaml", text)).toEqual([]);
  });

  it("validatePack reports them in a real pack's values.yaml and manifest, at their lines", async () => {
    const t = ghp();
    const p = password();
    const files = new Map(await loadFixture("tutorials/hello-universe-pack"));
    const values = `${new TextDecoder().decode(files.get("values.yaml"))}\ngitops:\n  repo: https://${t}@github.com/org/deploy.git\n`;
    files.set("values.yaml", enc(values));
    const manifest = "manifests/hello-universe.yaml";
    const text = new TextDecoder().decode(files.get(manifest));
    files.set(
      manifest,
      enc(`${text}\n# mirror: https://mirror:${p}@registry.corp/v2/\n`),
    );
    const { findings } = validatePack(files);
    const lines = (s: string, needle: string): number =>
      s.split("\n").findIndex((l) => l.includes(needle)) + 1;
    expect(
      findings
        .filter((f) => f.code.startsWith("SECRET_"))
        .map((f) => `${f.code} ${f.file ?? ""}:${f.line ?? ""}`),
    ).toEqual([
      `SECRET_URL_CREDENTIAL ${manifest}:${lines(`${text}\n# mirror:`, "# mirror:")}`,
      `SECRET_TOKEN values.yaml:${lines(values, "repo: https://")}`,
    ]);
    expectNotLeaked(findings, t);
    expectNotLeaked(findings, p);
  });
});

// A password written as `key=value` has no shape of its own either: a connection string, a URL's
// query, a command-line flag or an environment line carried one unseen.
describe("passwords written as key=value (SECRET_PASSWORD)", () => {
  const password = (): string => randomFrom(ALNUM + "-_.~!", 16);
  const cases: [string, (p: string) => string, string, string][] = [
    [
      "an ADO.NET connection string",
      (p) =>
        `db:\n  connection: "Server=sql.corp;Database=app;User Id=app;Password=${p};"\n`,
      "SECRET_PASSWORD@2",
      "Password=…",
    ],
    [
      "an ODBC connection string (Pwd)",
      (p) => `dsn: Driver={ODBC};Uid=app;Pwd=${p}\n`,
      "SECRET_PASSWORD@1",
      "Pwd=…",
    ],
    [
      "a JDBC URL's query",
      (p) =>
        `url: jdbc:postgresql://db:5432/app?user=app&password=${p}&ssl=true\n`,
      "SECRET_PASSWORD@1",
      "password=…",
    ],
    [
      "a command-line flag in a manifest's args",
      (p) => `args:\n  - --port=8080\n  - --db-password=${p}\n`,
      "SECRET_PASSWORD@3",
      "password=…",
    ],
    [
      "an environment line, quoted",
      (p) => `script: |\n  export PGPASSWORD="${p}"\n  psql -h db\n`,
      "SECRET_PASSWORD@2",
      "PASSWORD=…",
    ],
    [
      "a camelCase key in a --set",
      (p) => `# helm install --set auth.postgresPassword=${p}\n`,
      "SECRET_PASSWORD@1",
      "Password=…",
    ],
  ];
  it.each(cases)("%s", (_, make, expected, shown) => {
    const secret = password();
    const text = make(secret);
    for (const path of ["values.yaml", "manifests/app.yaml", "README.md"]) {
      const f = scan(path, text);
      expect(brief(f)).toEqual([expected]);
      expect(f[0]!.message).toContain(`(\`${shown.replace("…", "")}`);
      expect(f[0]!.message).toMatch(
        /^a password is written \(`[-\w.]*=…`\) in this file: anyone with the pack can use it/,
      );
      expectNotLeaked(f, secret);
    }
  });

  it.each([
    ["a key that only ends in pass", "a: bypass=1Xq9zR\nb: --mypass=1Xq9zR\n"],
    [
      "templated and expanded values",
      'a: --password={{ .Values.password }}\nb: PGPASSWORD="$POSTGRES_PASSWORD"\nc: --db_password=$(DBCONFIG_PASSWORD)\nd: Password=${DB_PASSWORD};\n',
    ],
    [
      "placeholders and values naming themselves (real charts' NOTES.txt)",
      "a: --set auth.postgresPassword=secretpassword\nb: postgresql.auth.password=testpass\nc: --metrics-basic-auth-password=secret\nd: QUAY_PASSWORD=<quay password>\ne: password=xxxx\nf: password=DB_PASS\n",
    ],
    [
      "settings and paths",
      "a: --password=stdin\nb: use_password=true\nc: export PWD=/home/u\nd: password=\ne: Password=;\n",
    ],
  ])("no finding for %s", (_, text) => {
    expect(scan("values.yaml", text)).toEqual([]);
  });
});

describe("SECRET_KUBECONFIG", () => {
  const kubeconfig = (user: string): string =>
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: demo",
      "  cluster:",
      "    server: https://10.0.0.1:6443",
      "contexts:",
      "- name: demo",
      "  context: {cluster: demo, user: admin}",
      "current-context: demo",
      "users:",
      "- name: admin",
      "  user:",
      user,
      "preferences: {}",
      "",
    ].join("\n");

  it("reports a literal token, password and client key, each at its line", () => {
    const token = randomFrom(ALNUM, 40);
    const password = randomFrom(ALNUM, 16);
    const keyData = Buffer.from(pem(ec, "sec1")).toString("base64");
    const text = kubeconfig(
      `    token: ${token}\n    password: "${password}"\n    client-certificate-data: ${b64(300)}\n    client-key-data: ${keyData}`,
    );
    const f = scan("kubeconfig", text);
    expect(brief(f)).toEqual([
      "SECRET_KUBECONFIG@14",
      "SECRET_KUBECONFIG@15",
      "SECRET_KUBECONFIG@17",
    ]);
    expect(f.map((x) => /\(`([-a-z]+)`\)/.exec(x.message)?.[1])).toEqual([
      "token",
      "password",
      "client-key-data",
    ]);
    for (const s of [token, password, keyData]) expectNotLeaked(f, s);
  });

  it("inside a values.yaml block scalar", () => {
    const text = `cluster:\n  kubeconfig: |\n${indent(kubeconfig(`    token: ${randomFrom(ALNUM, 40)}`), 4)}`;
    expect(brief(scan("values.yaml", text))).toEqual(["SECRET_KUBECONFIG@16"]);
  });

  it.each([
    ["a templated token", "    token: {{ .Values.token }}"],
    ["an empty token", '    token: ""'],
    ["a null token", "    token: null"],
    ["a placeholder", "    token: <your-token>"],
    [
      "exec credentials",
      "    exec:\n      command: aws\n      args: [eks, get-token]",
    ],
  ])("no finding for %s", (_, user) => {
    expect(scan("kubeconfig", kubeconfig(user))).toEqual([]);
  });

  it("`users:` outside a kubeconfig is not one", () => {
    expect(
      scan(
        "values.yaml",
        "grafana:\n  users:\n    - name: admin\n      password: admin\n",
      ),
    ).toEqual([]);
  });
});

describe("SECRET_MANIFEST_DATA", () => {
  const secret = (body: string, head = ""): string =>
    `${head}apiVersion: v1\nkind: Secret\nmetadata:\n  name: demo\n  namespace: x\ntype: Opaque\n${body}`;

  it.each([
    [
      "literal data",
      secret(`data:\n  user: ${b64(6)}\n  pass: ${b64(12)}\n`),
      8,
    ],
    ["literal stringData", secret("stringData:\n  password: hunter2\n"), 8],
    [
      "a literal block scalar",
      secret("stringData:\n  config.ini: |\n    [auth]\n    key = 1\n"),
      8,
    ],
    [
      "the first literal key after a templated one",
      secret(
        "data:\n  a: {{ .Values.a | b64enc }}\n  b: ''\n  c: Yw==\n  d: ZA==\n",
      ),
      10,
    ],
    [
      "data written before kind (kubectl's order)",
      "apiVersion: v1\ndata:\n  tls.crt: Y2VydA==\nkind: Secret\nmetadata:\n  name: demo\n",
      3,
    ],
    [
      "a second document",
      `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n---\n${secret("data:\n  k: dg==\n")}`,
      13,
    ],
    [
      "literal data inside a Helm condition",
      secret(
        "data:\n{{- if .Values.enabled }}\n  token: c2VjcmV0\n{{- end }}\n",
      ),
      9,
    ],
    ["flow style", secret("data: {k: dg==}\n"), 7],
  ])("one finding for %s", (_, text, line) => {
    const f = scan("manifests/app.yaml", text);
    expect(brief(f)).toEqual([`SECRET_MANIFEST_DATA@${line}`]);
    expect(f[0]!.message).toMatch(/^Secret( `demo`)? carries literal/);
  });

  it("one finding per Secret document, named by its first literal key", () => {
    const text = [
      secret("data:\n  a: YQ==\n  b: Yg==\n"),
      secret("stringData:\n  password: hunter2-correct-horse\n"),
    ].join("---\n");
    const f = scan("manifests/two.yaml", text);
    expect(brief(f)).toEqual([
      "SECRET_MANIFEST_DATA@8",
      "SECRET_MANIFEST_DATA@18",
    ]);
    expect(f[0]!.message).toContain("first key `a`");
    expect(f[1]!.message).toContain("`stringData`");
    expectNotLeaked(f, "hunter2-correct-horse");
  });

  it.each([
    [
      "a chart template with b64enc",
      secret("data:\n  password: {{ .Values.password | b64enc | quote }}\n"),
    ],
    [
      "hello-universe's templated data",
      secret("data:\n  db-password: {{ .Values.dbPassword }}\n"),
    ],
    [
      "a range over values",
      secret(
        "data:\n{{- range $k, $v := .Values.env }}\n  {{ $k }}: {{ $v | b64enc }}\n{{- end }}\n",
      ),
    ],
    [
      "a templated block scalar",
      secret("stringData:\n  config: |\n    password: {{ .Values.pw }}\n"),
    ],
    [
      "toYaml of values",
      secret("stringData:\n  {{- toYaml .Values.secrets | nindent 2 }}\n"),
    ],
    ["empty values", secret("data:\n  a: \"\"\n  b: ''\n  c: ~\n  d:\n")],
    ["empty data", secret("data: {}\n")],
    [
      "a service-account token Secret (filled by Kubernetes)",
      secret("", "").replace("Opaque", "kubernetes.io/service-account-token"),
    ],
    ["a ConfigMap", "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n"],
    [
      "a SecretProviderClass",
      "kind: SecretProviderClass\nspec:\n  data:\n    a: b\n",
    ],
    [
      "a Secret nested in values (not a document of its own)",
      "extraObjects:\n  - kind: Secret\n    data:\n      a: YQ==\n",
    ],
  ])("no finding for %s", (_, text) => {
    expect(scan("templates/secret.yaml", text)).toEqual([]);
  });

  it("only YAML files and manifests/ are read as manifests", () => {
    const text = secret("data:\n  k: dg==\n");
    expect(scan("docs/secret.md", text)).toEqual([]);
    expect(brief(scan("manifests/secret.txt", text))).toEqual([
      "SECRET_MANIFEST_DATA@8",
    ]);
    expect(brief(scan("templates/secret.YML", text))).toEqual([
      "SECRET_MANIFEST_DATA@8",
    ]);
  });
});

describe("FILE_STRAY", () => {
  it.each([
    ["charts/x.tgz.orig", /merge or patch/],
    ["values.yaml.bak", /backup/],
    ["manifests/.app.yaml.swp", /Vim swap/],
    ["manifests/.app.yaml.swo", /Vim swap/],
    ["values.yaml~", /backup/],
    [".DS_Store", /macOS/],
    ["charts/Thumbs.db", /Windows/],
    ["manifests/app.yaml.rej", /failed patch/],
    ["#values.yaml#", /Emacs/],
  ])("%s", (path, what) => {
    const f = secretFindings(new Map([[path, new Uint8Array([0, 1, 2])]]), {
      prefix: "p/",
    });
    expect(f).toEqual([
      {
        code: "FILE_STRAY",
        severity: "info",
        file: `p/${path}`,
        message: expect.stringMatching(what) as unknown as string,
      },
    ]);
    expect(f[0]!.message).toMatch(/should not ship/);
  });

  it.each([
    ".helmignore",
    "charts/x.tgz",
    "README.md",
    "templates/NOTES.txt",
    "bak",
    ".orig",
  ])("no finding for %s", (path) => {
    expect(secretFindings(new Map([[path, enc("x")]]))).toEqual([]);
  });
});

describe("options and input", () => {
  it("prefixes every file (for the files of a chart archive)", () => {
    const f = scan("cert/tls.key", pem(ed, "pkcs8"), "charts/x-1.0.0.tgz/");
    expect(f.map((x) => x.file)).toEqual(["charts/x-1.0.0.tgz/cert/tls.key"]);
  });

  it("skips binary content but still names a binary leftover", () => {
    const bin = new Uint8Array([0xff, 0xfe, ...enc(pem(ed, "pkcs8"))]);
    expect(secretFindings(new Map([["cert/tls.key", bin]]))).toEqual([]);
    expect(brief(secretFindings(new Map([["a.tgz.orig", bin]])))).toEqual([
      "FILE_STRAY@-",
    ]);
  });

  it("hostile 16 MiB texts finish (each would hang a backtracking or re-scanning scanner)", () => {
    const size = 16 * 1024 * 1024;
    const fill = (unit: string): string =>
      unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    // [text, how many findings]; the counts show each text was really read to its end.
    const hostile: [string, number][] = [
      ["-----BEGIN RSA PRIVATE KEY-----\n" + fill("A"), 0],
      [fill("-----BEGIN PRIVATE KEY-----"), 0],
      [fill("-----BEGIN PRIVATE KEY-----\nProc-Type: 4\n"), 0],
      [fill("LS0tLS1CRUdJTi"), 0],
      ["k: LS0tLS1CRUdJTi\n" + fill("  QUFBQUFB\n"), 0],
      [fill("AccountKey=" + "a".repeat(200)), 0],
      [fill("xoxb-1-1-1-1-1-"), 0],
      [fill("github_pat_"), 0],
      [fill("AKIA"), 0],
      [fill("secretAccessKey:        "), 0],
      [fill(" ") + pem(ed, "pkcs8"), 1],
      ["kind: Secret\ndata:\n" + fill("  a: |\n    x\n"), 1],
      [
        "clusters:\ncontexts:\nusers:\n" +
          fill("- name: a\n  user:\n    token: {{ x }}\n"),
        0,
      ],
      ["kind: Secret\ndata:\n  k: " + fill("x"), 1],
      ['"-----BEGIN PRIVATE KEY-----' + fill("\\n"), 0],
      // A URL's user-info is read up to 256 characters for its `@`, once per `://`.
      [fill("://" + "a:".repeat(200)), 0],
      [fill("https://"), 0],
      [fill("://:@"), 0],
      // `key=value` passwords are found from each `=`, their key read behind it.
      [fill("="), 0],
      [fill("password="), 0],
      [fill("x=" + "a".repeat(300)), 0],
      // One line, one finding: each of its ~2.4 million passwords is judged, the line named once.
      [fill("pwd=Zq9;"), 1],
    ];
    for (const [text, count] of hostile)
      expect(scan("manifests/big.yaml", text)).toHaveLength(count);
  }, 120_000);
});

/** Every file of a folder on disk, by its path relative to the folder. */
function readTree(
  dir: string,
  base = dir,
  out: PackFiles = new Map(),
): PackFiles {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) readTree(p, base, out);
    else out.set(relative(base, p), readFileSync(p));
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), "packsmith-secrets-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the real fixtures", () => {
  // What fires in the real packs, checked by hand: every one is a true finding.
  // - ambassador ships a self-signed TLS key twice: a CI test manifest and a chart template
  //   (base64 in Secret data), in its unpacked chart folder and inside the .tgz.
  // - kubeflow-pipelines' plain manifests hold literal Secrets (minio and MySQL credentials,
  //   OIDC client secrets).
  // - kubevious ships a `.tgz.orig` next to its chart.
  // Documentation (argo-cd's and redis-ha's `-----BEGIN … KEY-----\n...` examples), templated
  // Secrets (hello-universe, permission-manager, every chart) and tokens filled by Kubernetes
  // (tekton-chains) are not findings.
  const EXPECTED = [
    "pack-central/ambassador-6.6.0 charts/ingress-ambassador.tgz/ingress-ambassador/ci/tests/manifests/tls.yaml SECRET_MANIFEST_DATA@4",
    "pack-central/ambassador-6.6.0 charts/ingress-ambassador.tgz/ingress-ambassador/ci/tests/manifests/tls.yaml SECRET_PRIVATE_KEY@5",
    "pack-central/ambassador-6.6.0 charts/ingress-ambassador.tgz/ingress-ambassador/templates/projects.yaml SECRET_MANIFEST_DATA@264",
    "pack-central/ambassador-6.6.0 charts/ingress-ambassador.tgz/ingress-ambassador/templates/projects.yaml SECRET_PRIVATE_KEY@292",
    "pack-central/ambassador-6.6.0 charts/ingress-ambassador/ci/tests/manifests/tls.yaml SECRET_MANIFEST_DATA@4",
    "pack-central/ambassador-6.6.0 charts/ingress-ambassador/ci/tests/manifests/tls.yaml SECRET_PRIVATE_KEY@5",
    "pack-central/ambassador-6.6.0 charts/ingress-ambassador/templates/projects.yaml SECRET_MANIFEST_DATA@264",
    "pack-central/ambassador-6.6.0 charts/ingress-ambassador/templates/projects.yaml SECRET_PRIVATE_KEY@292",
    "pack-central/kubeflow-pipelines-1.5.0 manifests/base_manifests.yaml SECRET_MANIFEST_DATA@4546",
    "pack-central/kubeflow-pipelines-1.5.0 manifests/base_manifests.yaml SECRET_MANIFEST_DATA@4656",
    "pack-central/kubeflow-pipelines-1.5.0 manifests/base_manifests.yaml SECRET_MANIFEST_DATA@5602",
    "pack-central/kubeflow-pipelines-1.5.0 manifests/pipelines_manifests.yaml SECRET_MANIFEST_DATA@2834",
    "pack-central/kubeflow-pipelines-1.5.0 manifests/pipelines_manifests.yaml SECRET_MANIFEST_DATA@2848",
    "pack-central/kubevious-1.0.10 charts/kubevious-1.0.10.tgz.orig FILE_STRAY@-",
  ];

  it("fire exactly where a credential or leftover really is (pack files and chart archives)", async () => {
    const seen: string[] = [];
    for (const dir of fixtureDirsOnDisk()) {
      const files = await loadFixture(dir);
      const found = secretFindings(files);
      // The files inside every chart archive, unpacked by the system tar as Helm would.
      for (const [path, bytes] of files) {
        if (!/\.tgz$/.test(path)) continue;
        const out = join(
          tmp,
          `${dir.replace(/\//g, "_")}_${path.replace(/\//g, "_")}`,
        );
        mkdirSync(out);
        writeFileSync(join(out, "c.tgz"), bytes);
        execFileSync("tar", ["xzf", "c.tgz"], { cwd: out });
        rmSync(join(out, "c.tgz"));
        found.push(...secretFindings(readTree(out), { prefix: `${path}/` }));
      }
      for (const f of found)
        seen.push(`${dir} ${f.file ?? ""} ${f.code}@${f.line ?? "-"}`);
    }
    expect(seen.sort()).toEqual(EXPECTED);
  }, 60_000);

  it("validatePack reports a key added at charts/<chart>/cert/tls.key at line 1, and the kubevious leftover", async () => {
    const key = pem(rsa, "pkcs1");
    const files = new Map(await loadFixture("pack-central/kubevious-1.0.10"));
    files.set("charts/kubevious/cert/tls.key", enc(key));
    const { findings } = validatePack(files);
    const f = findings.find((x) => x.code === "SECRET_PRIVATE_KEY");
    expect(f).toMatchObject({
      severity: "warning",
      file: "charts/kubevious/cert/tls.key",
      line: 1,
    });
    expect(findings.find((x) => x.code === "FILE_STRAY")).toMatchObject({
      severity: "info",
      file: "charts/kubevious-1.0.10.tgz.orig",
    });
    expectNotLeaked(findings, key);
  });

  it("`packsmith validate` prints the finding with file:line and never the key", () => {
    const dir = join(tmp, "kubevious-with-key");
    cpSync(join(FIXTURES, "pack-central/kubevious-1.0.10"), dir, {
      recursive: true,
    });
    mkdirSync(join(dir, "charts/kubevious/cert"));
    const key = pem(ec, "sec1");
    writeFileSync(join(dir, "charts/kubevious/cert/tls.key"), key);
    const bin = new URL("../../bin/packsmith.mjs", import.meta.url).pathname;
    const r = spawnSync(process.execPath, [bin, "validate", dir], {
      encoding: "utf8",
    });
    expect(r.stdout).toMatch(
      /SECRET_PRIVATE_KEY\s+charts\/kubevious\/cert\/tls\.key:1 .*private key \(EC\)/,
    );
    expect(r.stdout).toMatch(
      /FILE_STRAY\s+charts\/kubevious-1\.0\.10\.tgz\.orig /,
    );
    expectNotLeaked(
      [{ code: "stdout", severity: "info", message: r.stdout + r.stderr }],
      key,
    );
  }, 60_000);
});
