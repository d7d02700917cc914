/**
 * The HTTP ceiling for the single-event benchmark: a bare node:http server that reads the body, parses it
 * and answers like the tracking API, storing nothing. Prints {"port"} once listening.
 */
import http from "node:http";

const port = Number(process.argv[2]);
const reply = JSON.stringify({ success: true, accepted: 1, duplicates: 0, rejected: [] });
http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      JSON.parse(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(reply) });
      res.end(reply);
    });
  })
  .listen(port, "127.0.0.1", () => console.log(JSON.stringify({ port })));
