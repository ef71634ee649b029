import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { z } from "zod";

import { App } from "@/app/app";
import "@/styles.css";

// zod probes `new Function` for a faster path; the CSP (script-src 'self') forbids it and the
// browser would report a violation. Without the probe zod uses its plain path.
z.config({ jitless: true });

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
