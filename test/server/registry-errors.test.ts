import { describe, expect, it } from "vitest";
import {
  catalogRefusal,
  registryError,
} from "../../server/oci/registry-errors";

/*
 * The error bodies are those the registries send, as their users quote them:
 * Harbor's immutable-tag middleware (lib/errors PRECONDITION, "Failed to process request due to
 * '<repo>:<tag>' configured as immutable.", HTTP 412; goharbor/harbor#9718) and its catalog refusal
 * to robot accounts (goharbor/harbor#22194); ECR's TAG_INVALID on an immutable tag, in its older
 * ("repository is immutable", aws/containers-roadmap#862) and current ("tag is immutable",
 * osscontainertools/kaniko#204) wording, and its catalog answers (OctopusDeploy/Issues#6495,
 * google/go-containerregistry#1091, jetstack/version-checker#122).
 */
const manifestPut = {
  host: "registry.example.com",
  repo: "team/spectro-packs/archive/hellouniverse",
  tag: "1.0.0",
  push: true,
  what: "the manifest team/spectro-packs/archive/hellouniverse:1.0.0",
};

describe("a second write of an immutable tag is IMMUTABLE_TAG (409)", () => {
  it.each([
    {
      registry: "Harbor",
      status: 412,
      body: `{"errors":[{"code":"PRECONDITION","message":"Failed to process request due to 'team/spectro-packs/archive/hellouniverse:1.0.0' configured as immutable."}]}`,
    },
    {
      registry: "ECR (tag immutability)",
      status: 400,
      body: `{"errors":[{"code":"TAG_INVALID","message":"The image tag '1.0.0' already exists in the 'team/spectro-packs/archive/hellouniverse' repository and cannot be overwritten because the tag is immutable."}]}`,
    },
    {
      registry: "ECR (older wording)",
      status: 400,
      body: `{"errors":[{"code":"TAG_INVALID","message":"The image tag '1.0.0' already exists in the 'team/spectro-packs/archive/hellouniverse' repository and cannot be overwritten because the repository is immutable."}]}`,
    },
    {
      registry: "ECR (API exception name)",
      status: 400,
      body: "ImageTagAlreadyExistsException: The image tag '1.0.0' already exists",
    },
  ])("$registry", ({ status, body }) => {
    const e = registryError(status, body, manifestPut);
    expect(e.code).toBe("IMMUTABLE_TAG");
    expect(e.message).toMatch(
      /^version 1\.0\.0 is immutable in the target registry \(registry\.example\.com\/team\/spectro-packs\/archive\/hellouniverse: HTTP 4\d\d/,
    );
  });

  it("only for a write of a tag: the same words elsewhere are not a conflict", () => {
    const body = `{"errors":[{"code":"PRECONDITION","message":"Failed to process request due to 'x:1' configured as immutable."}]}`;
    const notATag = { ...manifestPut, tag: undefined };
    expect(registryError(412, body, notATag).code).toBe("REGISTRY_ERROR");
    // A server error is never read as "the tag is taken".
    expect(registryError(500, body, manifestPut).code).toBe("REGISTRY_ERROR");
  });

  it("a TAG_INVALID that is not about immutability stays a registry error", () => {
    const e = registryError(
      400,
      `{"errors":[{"code":"TAG_INVALID","message":"manifest tag did not match URI"}]}`,
      manifestPut,
    );
    expect(e.code).toBe("REGISTRY_ERROR");
    expect(e.message).toContain("TAG_INVALID");
  });
});

describe("catalogRefusal: /v2/_catalog refused to this account, or a real failure", () => {
  it.each([
    {
      who: "Harbor, robot or project account",
      status: 401,
      body: '{"errors":[{"code":"UNAUTHORIZED","message":"unauthorized to list catalog: unauthorized to list catalog"}]}',
      said: "HTTP 401 UNAUTHORIZED: unauthorized to list catalog: unauthorized to list catalog",
    },
    {
      who: "ECR without the catalog",
      status: 405,
      body: "Method Not Allowed",
      said: "HTTP 405: Method Not Allowed",
    },
    {
      who: "ECR without ecr:DescribeRepositories",
      status: 403,
      body: '{"errors":[{"code":"DENIED","message":"Not Authorized"}]}',
      said: "HTTP 403 DENIED: Not Authorized",
    },
    {
      who: "ECR refusing the page size",
      status: 400,
      body: '{"errors":[{"code":"UNSUPPORTED","message":"Invalid parameter at \'maxResults\' failed to satisfy constraint: \'Member must have value less than or equal to 1000\'"}]}',
      said: "HTTP 400 UNSUPPORTED",
    },
    {
      who: "a registry without the endpoint",
      status: 404,
      body: "404 page not found",
      said: "HTTP 404: 404 page not found",
    },
  ])("$who → refused", ({ status, body, said }) => {
    expect(catalogRefusal(status, body)).toContain(said);
  });

  it.each([
    [500, '{"errors":[{"code":"UNKNOWN","message":"unknown error"}]}'],
    [502, "<html>Bad Gateway</html>"],
    [503, ""],
    [429, '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}'],
    [400, '{"errors":[{"code":"PAGINATION_NUMBER_INVALID","message":"x"}]}'],
  ])("HTTP %i → a failure, not a refusal", (status, body) => {
    expect(catalogRefusal(status, body)).toBeNull();
  });
});
