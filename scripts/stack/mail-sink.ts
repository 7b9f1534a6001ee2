// Development mail sink: accepts any SMTP message (no auth, no TLS) and stores it under
// .stack/mail as <timestamp>-<id>.eml plus a .json summary; an HTTP server lists them.
//   GET /                      HTML list (newest first)
//   GET /api/messages[?to=a@b] JSON list, newest first, optionally only messages to that address
//   GET /api/messages/<id>     one message (JSON);  GET /api/messages/<id>.eml  the raw message
//   DELETE /api/messages       remove every stored message
// Run: npx tsx scripts/stack/mail-sink.ts  (scripts/stack/up.sh starts it).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import crypto from "node:crypto";
import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject } from "mailparser";
import { stackPorts } from "./ports";

const dir = path.resolve(process.env.MAIL_SINK_DIR ?? ".stack/mail");
const host = process.env.MAIL_SINK_HOST ?? "127.0.0.1";
const smtpPort = Number(process.env.MAIL_SINK_SMTP_PORT ?? stackPorts().smtp);
const httpPort = Number(process.env.MAIL_SINK_HTTP_PORT ?? stackPorts().mailHttp);
fs.mkdirSync(dir, { recursive: true });

type Message = { id: string; to: string[]; from: string; subject: string; text: string; html: string; date: string };

let lastTs = 0; // strictly increasing timestamps keep the file names in arrival order
const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? "")).filter(Boolean);

async function store(raw: Buffer, envelopeTo: string[], envelopeFrom: string) {
  const ts = (lastTs = Math.max(Date.now(), lastTs + 1));
  const id = `${ts}-${crypto.randomBytes(4).toString("hex")}`;
  fs.writeFileSync(path.join(dir, `${id}.eml`), raw);
  const msg: Message = {
    id,
    to: envelopeTo,
    from: envelopeFrom,
    subject: "",
    text: "",
    html: "",
    date: new Date(ts).toISOString(),
  };
  try {
    const p = await simpleParser(raw);
    const headerTo = [...addresses(p.to), ...addresses(p.cc)];
    msg.to = [...new Set([...envelopeTo, ...headerTo].map((s) => s.toLowerCase()))];
    msg.from = p.from?.text || envelopeFrom;
    msg.subject = p.subject ?? "";
    msg.text = p.text ?? "";
    msg.html = typeof p.html === "string" ? p.html : "";
  } catch (err) {
    console.error(`mail-sink: could not parse ${id}:`, err);
  }
  fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(msg, null, 2));
  console.log(`mail-sink: ${id} from=${msg.from} to=${msg.to.join(",")} subject=${JSON.stringify(msg.subject)}`);
}

function list(to?: string | null): Message[] {
  const want = to?.trim().toLowerCase();
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .reverse()
    .flatMap((f) => {
      try {
        return [JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Message];
      } catch {
        return []; // half-written file
      }
    })
    .filter((m) => !want || m.to.some((a) => a.toLowerCase() === want));
}

const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

function page(msgs: Message[]) {
  const rows = msgs
    .map(
      (m) => `<tr><td>${esc(m.date)}</td><td>${esc(m.from)}</td><td>${esc(m.to.join(", "))}</td>
<td><details><summary>${esc(m.subject || "(no subject)")}</summary><pre>${esc(m.text)}</pre>
${m.html ? `<details><summary>HTML source</summary><pre>${esc(m.html)}</pre></details>` : ""}
<a href="/api/messages/${encodeURIComponent(m.id)}.eml">raw</a></details></td></tr>`,
    )
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>Hearth mail sink</title>
<style>body{font:14px system-ui;margin:2em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;vertical-align:top}pre{white-space:pre-wrap}</style>
</head><body><h1>Hearth mail sink</h1><p>${msgs.length} message(s), newest first. JSON: <a href="/api/messages">/api/messages</a></p>
<table><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th></tr>${rows}</table></body></html>`;
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  size: 50 * 1024 * 1024,
  onAuth: (_auth, _session, cb) => cb(null, { user: "anyone" }),
  onData(stream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
      store(Buffer.concat(chunks), to, from).then(() => cb(), cb);
    });
  },
});

const web = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const send = (status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    res.end(body);
  };
  const json = (status: number, body: unknown) => send(status, "application/json; charset=utf-8", JSON.stringify(body));
  const one = /^\/api\/messages\/([\w-]+?)(\.eml)?$/.exec(url.pathname);
  if (req.method === "GET" && url.pathname === "/") return send(200, "text/html; charset=utf-8", page(list()));
  if (req.method === "GET" && url.pathname === "/api/messages") return json(200, list(url.searchParams.get("to")));
  if (req.method === "DELETE" && url.pathname === "/api/messages") {
    for (const f of fs.readdirSync(dir)) if (/\.(eml|json)$/.test(f)) fs.rmSync(path.join(dir, f), { force: true });
    return json(200, { ok: true });
  }
  if (req.method === "GET" && one) {
    const file = path.join(dir, `${one[1]}${one[2] ? ".eml" : ".json"}`);
    if (!fs.existsSync(file)) return json(404, { error: "not found" });
    return send(200, one[2] ? "message/rfc822" : "application/json; charset=utf-8", fs.readFileSync(file));
  }
  return json(404, { error: "not found" });
});

// Listen errors (port taken) are fatal; smtp-server also emits per-connection errors, which are not.
const fail = (what: string) => (err: NodeJS.ErrnoException) => {
  console.error(`mail-sink: ${what} error:`, err.message);
  if (err.syscall === "listen" || err.code === "EADDRINUSE" || err.code === "EACCES") process.exit(1);
};
smtp.on("error", fail("SMTP server"));
web.on("error", fail("HTTP server"));
smtp.listen(smtpPort, host, () => console.log(`mail-sink: SMTP on ${host}:${smtpPort}, storing in ${dir}`));
web.listen(httpPort, host, () => console.log(`mail-sink: HTTP on http://${host}:${httpPort}`));

for (const sig of ["SIGTERM", "SIGINT"] as const) {
  process.on(sig, () => {
    web.close();
    smtp.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
