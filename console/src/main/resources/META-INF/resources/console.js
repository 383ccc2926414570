// TOM Assure console: the little the pages need beyond HTML and htmx. No inline script (the CSP forbids it).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // A problem page: focus its summary so a screen reader reads it first; its links go back or reload.
  document.querySelector("[data-focus]")?.focus();
  document.querySelectorAll("[data-back]").forEach(a => a.addEventListener("click", e => { e.preventDefault(); history.back(); }));
  document.querySelectorAll("[data-back-reload]").forEach(a => a.addEventListener("click", e => {
    e.preventDefault();
    if (document.referrer) { location.assign(document.referrer); } else { history.back(); }
  }));
  document.querySelectorAll("[data-proof]").forEach(checkProof);
  document.querySelectorAll("[data-audit-stream]").forEach(followLog);
  document.querySelectorAll("[data-gate-events]").forEach(followGate);
});

// A deployment's gate: redrawn when the audit log records something about the deployment (go-live ready or blocked,
// an agreement, a sign-off, a decision), a burst of entries giving one redraw. The half-minute poll remains for
// what the stream cannot carry (a product-wide decision is filed under the supplier, not the EUO).
function followGate(gate) {
  let pending;
  new EventSource(gate.dataset.gateEvents).addEventListener("audit-entry", () => {
    document.body.dataset.gateEntries = Number(document.body.dataset.gateEntries ?? 0) + 1; // what the stream brought
    clearTimeout(pending);
    pending = setTimeout(() => htmx.trigger("#gate", "gate-changed"), 300);
  });
}

// The live audit log: each entry the stream sends becomes the table's first row (built as text, never as HTML). The
// browser reconnects by itself when the stream ends, with the last entry's id, so nothing is missed or repeated.
function followLog(table) {
  const rows = table.querySelector("tbody");
  const status = document.querySelector("[data-testid=stream-status]");
  const keep = 200;
  let received = 0;
  const source = new EventSource(table.dataset.auditStream);
  source.onopen = () => { status.textContent = received ? `Connected: ${received} entries so far.` : "Connected: waiting for entries."; };
  source.onerror = () => { status.textContent = "The stream was interrupted: reconnecting…"; };
  source.addEventListener("audit-entry", event => {
    const entry = JSON.parse(event.data);
    const row = document.createElement("tr");
    for (const text of [entry.seq, entry.type, entry.actor ?? "–", entry.time]) {
      row.insertCell().textContent = text;
    }
    const link = document.createElement("a");
    link.href = "/audit/entries/" + entry.seq;
    link.textContent = "Check entry " + entry.seq;
    row.insertCell().append(link);
    rows.prepend(row);
    while (rows.rows.length > keep) { rows.deleteRow(-1); }
    received++;
    status.textContent = `Connected: ${received} entries so far, the latest ${entry.seq}.`;
  });
}

// Workbook uploads: the bar follows the bytes sent.
document.addEventListener("htmx:xhr:progress", e => {
  const bar = e.target.closest("[data-upload]")?.querySelector("progress");
  if (bar && e.detail.lengthComputable) {
    const percent = Math.round(e.detail.loaded / e.detail.total * 100);
    bar.value = percent;
    bar.textContent = percent + " %";
  }
});
document.addEventListener("htmx:afterSwap", e => e.target.querySelector("[data-reload]")?.addEventListener("click", r => {
  r.preventDefault(); location.reload();
}));

const hex = bytes => Array.from(new Uint8Array(bytes), b => b.toString(16).padStart(2, "0")).join("");
const unhex = text => Uint8Array.from(text.match(/../g) ?? [], h => parseInt(h, 16));
const sha256 = async (...parts) => {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", all));
};
const nodeHash = (left, right) => sha256(Uint8Array.of(1), left, right);

// RFC 9162, 2.1.3.2: the root that an audit path gives for leaf index of a tree of size leaves.
async function rootFromPath(leafHash, index, size, path) {
  if (index >= size) { return null; }
  let fn = index, sn = size - 1, r = leafHash;
  for (const p of path) {
    if (sn === 0) { return null; }
    if ((fn & 1) === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if ((fn & 1) === 0) { while ((fn & 1) === 0 && fn !== 0) { fn >>= 1; sn >>= 1; } }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1; sn >>= 1;
  }
  return sn === 0 ? r : null;
}

// An entry's leaf, from the entry itself: its fields but the hash, keys in UTF-16 order (RFC 8785; the fields are
// strings, integers and a list of strings, which JSON.stringify writes exactly as JCS does). Its hash must come out
// as the one it carries. Entries logged before JCS are in the log's first form: their leaf is the proof's.
async function leafOf(d) {
  const entry = JSON.parse(d.entry);
  if (entry.hashAlgorithm !== "sha-256/jcs") { return { leaf: unhex(d.leaf), computed: false }; }
  const { hash, ...content } = entry;
  const sorted = Object.fromEntries(Object.entries(content).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const canonical = new TextEncoder().encode(JSON.stringify(sorted));
  if (hex(await sha256(canonical)) !== hash) { return null; }
  return { leaf: await sha256(Uint8Array.of(0), canonical), computed: true };
}

async function checkProof(box) {
  const out = box.querySelector("[data-testid=proof-result]");
  const say = (ok, text) => { out.textContent = text; out.className = "notice " + (ok ? "notice--done" : "notice--fail"); };
  try {
    const d = box.dataset;
    const own = await leafOf(d);
    if (!own) {
      say(false, "Not proved: the entry's content does not hash to the hash it carries.");
      return;
    }
    const path = d.path ? d.path.split(",").map(unhex) : [];
    const root = await rootFromPath(own.leaf, Number(d.seq) - 1, Number(d.size), path);
    if (!root || hex(root) !== d.root.toLowerCase() || d.size !== d.checkpointSize) {
      say(false, "Not proved: the audit path does not lead to the signed root.");
      return;
    }
    const der = Uint8Array.from(atob(d.publicKey.replace(/-----[^-]+-----|\s/g, "")), c => c.charCodeAt(0));
    const key = await crypto.subtle.importKey("spki", der, { name: "Ed25519" }, false, ["verify"]);
    const statement = new TextEncoder().encode("tom-assure-audit-checkpoint/v1\n" + d.checkpointSize + "\n" + d.root
      + "\n" + d.sealedAt + "\n");
    const signature = Uint8Array.from(atob(d.signature), c => c.charCodeAt(0));
    const signed = await crypto.subtle.verify({ name: "Ed25519" }, key, signature, statement);
    say(signed, signed
      ? "Proved in your browser: entry " + d.seq + (own.computed ? ", hashed here from its content," : "")
        + " is in the log of " + d.size + " entries whose root the log's key signed."
      : "Not proved: the checkpoint's signature does not verify against the public key.");
  } catch (e) {
    say(false, "Could not check in this browser: " + e.message);
  }
}
