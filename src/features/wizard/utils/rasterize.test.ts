import { describe, expect, it } from "vitest";

import { LOGO_SIDE, svgAspect, svgLayout } from "./rasterize";

const NS = 'xmlns="http://www.w3.org/2000/svg"';

describe("the size of a logo converted from SVG", () => {
  it.each([
    // [why, svg, width ÷ height]
    ["width and height", `<svg ${NS} width="64" height="32">`, 2],
    [
      "width and height win over a viewBox",
      `<svg width="64px" height="64px" viewBox="0 0 10 20" ${NS}>`,
      1,
    ],
    ["a viewBox alone", `<svg ${NS} viewBox="0 0 24 24">`, 1],
    ["absolute units", `<svg ${NS} width="10mm" height="1in">`, 10 / 25.4],
    [
      "a viewBox with commas, after a comment and stroke-width",
      `<?xml version="1.0"?>\n<!-- <svg width="1" height="9"> -->\n<svg stroke-width="3" viewBox='0,0,300,100' ${NS}>`,
      3,
    ],
    [
      "percentages: the viewBox",
      `<svg ${NS} width="100%" height="100%" viewBox="0 0 50 100">`,
      0.5,
    ],
    ["one length: the other is the default 150", `<svg ${NS} width="75">`, 0.5],
    [
      "no width, height or viewBox",
      `<svg ${NS}><circle r="40" cx="50" cy="50"/></svg>`,
      null,
    ],
    ["percentages only", `<svg ${NS} width="100%" height="100%">`, null],
    ["an empty viewBox", `<svg ${NS} viewBox="0 0 0 0">`, null],
  ])("%s", (_, svg, aspect) => {
    expect(svgAspect(svg)).toBe(aspect);
  });

  it.each([
    [
      2,
      {
        width: 512,
        height: 256,
        draw: { x: 0, y: 0, width: 512, height: 256 },
      },
    ],
    [
      1,
      {
        width: 512,
        height: 512,
        draw: { x: 0, y: 0, width: 512, height: 512 },
      },
    ],
    [
      0.5,
      {
        width: 256,
        height: 512,
        draw: { x: 0, y: 0, width: 256, height: 512 },
      },
    ],
    [
      3,
      {
        width: 512,
        height: 171,
        draw: { x: 0, y: 0, width: 512, height: 171 },
      },
    ],
  ])(
    "an SVG of proportions %d fills a canvas 512 px on its longer side",
    (aspect, layout) => {
      expect(svgLayout(aspect, LOGO_SIDE)).toEqual(layout);
    },
  );

  it("one that states no size is the square logo, the browser's 300×150 box scaled to fit and centred", () => {
    const layout = svgLayout(
      svgAspect(`<svg ${NS}><circle r="40"/></svg>`),
      LOGO_SIDE,
    );
    expect(layout).toEqual({
      width: 512,
      height: 512,
      draw: { x: 0, y: 128, width: 512, height: 256 },
    });
    // Unlike an SVG that is 300×150 by its own say.
    expect(
      svgLayout(svgAspect(`<svg ${NS} width="300" height="150">`), LOGO_SIDE),
    ).toMatchObject({
      width: 512,
      height: 256,
    });
  });
});
