import { describe, expect, it } from "vitest";

import { chooseClouds } from "@/features/wizard/model/cloud-choice";

describe("the Clouds checkboxes: all and named clouds exclude each other", () => {
  it("ticking a cloud while All is ticked unticks All", () => {
    expect(chooseClouds(["all"], ["all", "aws"])).toEqual(["aws"]);
  });

  it("ticking All leaves All alone", () => {
    expect(chooseClouds(["aws", "vsphere"], ["aws", "vsphere", "all"])).toEqual(
      ["all"],
    );
  });

  it("named clouds combine, and unticking works as before", () => {
    expect(chooseClouds(["aws"], ["aws", "azure"])).toEqual(["aws", "azure"]);
    expect(chooseClouds(["aws", "azure"], ["azure"])).toEqual(["azure"]);
  });

  it("unticking the last cloud goes back to All: a tick and an untick leave the list as it was", () => {
    const ticked = chooseClouds(["all"], ["all", "aws"]);
    expect(chooseClouds(ticked, [])).toEqual(["all"]);
    expect(chooseClouds(["all"], [])).toEqual(["all"]);
  });

  it("an imported mix stays until a box changes it; unticking one of it keeps the rest", () => {
    expect(chooseClouds(["all", "aws"], ["all"])).toEqual(["all"]);
    expect(chooseClouds(["all", "aws"], ["aws"])).toEqual(["aws"]);
  });
});
