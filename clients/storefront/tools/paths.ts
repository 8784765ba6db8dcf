import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** clients/storefront, found from build/tools/*.js or build/test/**.js without relying on the working directory. */
export const storefrontDir = resolve(fileURLToPath(import.meta.url), "../../..");
export const repositoryRoot = resolve(storefrontDir, "../..");
/** The built page: what a static host would serve. */
export const pageDir = resolve(storefrontDir, "dist");
