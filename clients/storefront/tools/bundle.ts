import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import { pageDir, storefrontDir } from "./paths.js";

// Type checking is tsc's job (npm run build runs it first); esbuild only bundles the page and the client.
await mkdir(pageDir, { recursive: true });
await build({
  entryPoints: [join(storefrontDir, "src/main.ts")],
  outfile: join(pageDir, "checkout.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  sourcemap: true,
  logLevel: "warning",
});
for (const file of ["index.html", "checkout.css"]) await copyFile(join(storefrontDir, "src", file), join(pageDir, file));
