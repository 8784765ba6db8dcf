import { pageDir } from "./paths.js";
import { serveFolder } from "./staticServer.js";

// npm run serve -- 5173: the built page on http://127.0.0.1:5173, until Ctrl+C.
const site = await serveFolder(pageDir, Number(process.argv[2] ?? 5173));
console.log(`Storefront on ${site.origin}/?api=<the Orders API's URL>&token=<a bearer token>`);
