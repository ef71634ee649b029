import {
  contentToValues,
  expect,
  templateAtContent,
  test,
} from "./pages/wizard-test";

/*
 * A draft from a template copies the documentation's sample values (template.json
 * `sampleValues`). Until the user puts their own there, Review lists each as a warning, counted
 * in its summary and linked to the field that writes it; editing the value clears it.
 */

/** The warnings Review's status counts ("Ready to publish to …, with 4 warnings"). */
const warningCount = (status: string | null): number =>
  Number(/(\d+) warnings?/.exec(status ?? "")?.[1] ?? 0);

test("the CentOS-on-AWS template's AMI id is a warning until the user replaces it", async ({
  page,
  start,
  basics,
  content,
  logo,
  values,
  review,
}) => {
  test.setTimeout(60_000);
  await templateAtContent(start, basics, "CentOS on AWS: custom OS pack");
  await contentToValues({ content, logo, values });
  await values.nextTo("Review");
  await expect(review.status).toHaveText(/^Ready to publish .*, with \d+/);
  const before = warningCount(await review.status.textContent());
  const ami = review.finding(
    "annotations.imageId is still the documentation's sample value: put your AMI's id (ami-…) there",
  );
  await expect(ami).toHaveCount(1);
  await expect(ami).toContainText("Warning");
  // The owner is the documentation's too (its region, us-east-1, is a region like any other).
  await expect(
    review.finding(/still the documentation's sample value/),
  ).toHaveCount(2);
  expect(before).toBeGreaterThanOrEqual(2);

  // The link leads to the field, which says the same under it.
  await ami.getByRole("button", { name: "Fix on Content" }).click();
  await content.expectStep("Content");
  const imageId = content.osField("imageId");
  await expect(imageId).toBeFocused();
  await expect(imageId).toHaveValue("ami-071f6fc516c53fca1");
  await expect(
    page.getByText(
      /^annotations\.imageId is still the documentation's sample value/,
    ),
  ).toBeVisible();

  await imageId.fill("ami-0123456789abcdef0");
  await content.goTo("Review");
  await expect(review.status).toHaveText(
    new RegExp(`, with ${before - 1} warnings?`),
  );
  await expect(ami).toHaveCount(0);
  await expect(
    review.finding(/still the documentation's sample value/),
  ).toHaveCount(1);
});
