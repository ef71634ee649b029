import { describe, expect, it } from "vitest";
import { ByteGate } from "../../server/upload";

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe("ByteGate: upload checks admitted by size", () => {
  it("admits checks while they fit, always one, in arrival order", async () => {
    const gate = new ByteGate(100);
    const order: string[] = [];
    const enter = (name: string, bytes: number) =>
      gate.enter(bytes).then((leave) => {
        order.push(name);
        return leave;
      });
    const big = await enter("big", 150); // over the limit alone: admitted, nothing else runs
    const small = enter("small", 10);
    const mid = enter("mid", 60);
    await tick();
    expect(order).toEqual(["big"]);
    big();
    const [leaveSmall, leaveMid] = await Promise.all([small, mid]);
    expect(order).toEqual(["big", "small", "mid"]);
    const other = enter("other", 40);
    await tick();
    expect(order).toHaveLength(3); // 10 + 60 + 40 > 100
    leaveSmall(); // 60 + 40 = 100 fits now
    await other;
    expect(order).toEqual(["big", "small", "mid", "other"]);
    leaveSmall(); // a second call frees nothing more
    const last = enter("last", 1);
    await tick();
    expect(order).toHaveLength(4);
    leaveMid();
    await last;
    expect(order.at(-1)).toBe("last");
  });
});
