// The pack core in a Web Worker, so reading, checking and writing a pack never freezes the page.
import { z } from "zod";

import { createPackMessageHandler } from "./handler";
import type { PackRequest, PackResponse } from "./protocol";

// zod probes `new Function` to decide whether to compile validators; under the app's CSP that probe
// fails anyway and is reported as a violation. Skip it.
z.config({ jitless: true });

const scope = self as unknown as {
  postMessage(message: PackResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<PackRequest>) => void) | null;
};

const handle = createPackMessageHandler((message, transfer) =>
  scope.postMessage(message, transfer),
);
scope.onmessage = (event) => void handle(event);
