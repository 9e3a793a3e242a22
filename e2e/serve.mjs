// A tiny static file server for the built site, bound to 127.0.0.1. It behaves like the
// static hosts Brief targets: "/x/" serves x/index.html, "/x" redirects to "/x/" when x is a
// folder, and a missing path answers 404 with the site's own 404.html.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isDir(p) {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** Starts serving `root`; resolves to { server, url } once listening on a free port. */
export function serve(root) {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    const send = (status, file, headers = {}) =>
      readFile(file).then((body) => {
        res.writeHead(status, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", ...headers });
        res.end(req.method === "HEAD" ? undefined : body);
      });
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      const rel = decodeURIComponent(url.pathname);
      const file = path.join(base, rel);
      if (!file.startsWith(base)) {
        res.writeHead(403).end();
        return;
      }
      if (rel.endsWith("/") && (await isFile(path.join(file, "index.html")))) {
        await send(200, path.join(file, "index.html"));
      } else if (!rel.endsWith("/") && (await isFile(file))) {
        await send(200, file);
      } else if (!rel.endsWith("/") && (await isDir(file))) {
        res.writeHead(301, { location: url.pathname + "/" + url.search }).end();
      } else {
        await send(404, path.join(base, "404.html"));
      }
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(err));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

// Run directly: node serve.mjs SITE_DIR  (prints the URL, serves until interrupted).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serve(process.argv[2] ?? "site");
  console.log(url);
}
