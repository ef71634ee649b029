import { test as base, expect, type APIRequestContext } from "@playwright/test";

import { ComparePage } from "../pages/compare-page";
import { OpenPage } from "../pages/open-page";
import { PackPage } from "../pages/pack-page";
import { RegistryPage } from "../pages/registry-page";
import { uploadFixtures, type UploadedFixture } from "./upload-fixtures";

interface ReviewerFixtures {
  registryPage: RegistryPage;
  packPage: PackPage;
  comparePage: ComparePage;
  openPage: OpenPage;
}

interface ReviewerWorkerFixtures {
  /** An API client for the test server, usable in `beforeAll` (Playwright's `request` is not). */
  api: APIRequestContext;
  /** Every shared fixture, uploaded once per worker (the negative ones refused with 422). */
  packFixtures: UploadedFixture[];
}

/** Playwright's test with one page object per reviewer screen and the fixtures in the registry. */
export const test = base.extend<ReviewerFixtures, ReviewerWorkerFixtures>({
  api: [
    async ({ playwright }, use, workerInfo) => {
      const request = await playwright.request.newContext({
        baseURL: workerInfo.project.use.baseURL,
      });
      await use(request);
      await request.dispose();
    },
    { scope: "worker" },
  ],
  packFixtures: [
    async ({ api }, use) => use(await uploadFixtures(api)),
    { scope: "worker", timeout: 120_000 },
  ],
  registryPage: async ({ page }, use) => use(new RegistryPage(page)),
  packPage: async ({ page }, use) => use(new PackPage(page)),
  comparePage: async ({ page }, use) => use(new ComparePage(page)),
  openPage: async ({ page }, use) => use(new OpenPage(page)),
});

export { expect };
