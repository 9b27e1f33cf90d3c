// perfaudit workbench: upload with progress, sortable/filterable overview, decisions saved at once.
"use strict";

// the page's texts, in the language the server was started with (perfaudit/serve/texts.py)
const T = JSON.parse((document.getElementById("ui-text") || {}).textContent || "{}");
const fill = (s, v) => s.replace(/\{(\w+)\}/g, (_, k) => String(v[k]));

async function post(url, body) {
  const r = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(data.error || r.statusText);
  return data;
}

// ---------------------------------------------------------------- upload
function collect(entry, path, out) {
  return new Promise((resolve) => {
    if (entry.isFile) {
      entry.file((f) => { out.push([f, path + f.name]); resolve(); }, () => resolve());
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      const all = [];
      const next = () => reader.readEntries(async (batch) => {
        if (!batch.length) {
          for (const e of all) await collect(e, path + entry.name + "/", out);
          resolve();
        } else { all.push(...batch); next(); }
      }, () => resolve());
      next();
    } else resolve();
  });
}

function showError(msg) {
  const el = document.getElementById("upload-error");
  el.textContent = msg; el.hidden = !msg;
}

async function upload(pairs) {
  if (!pairs.length) return;
  showError("");
  const form = new FormData();
  for (const [file, name] of pairs) form.append("files", file, name);
  const progress = document.getElementById("progress");
  const bar = document.getElementById("bar");
  const text = document.getElementById("progress-text");
  progress.hidden = false; bar.style.width = "2%"; text.textContent = fill(T["uploading"], {n: pairs.length});
  let job;
  try {
    const r = await fetch("/api/upload", {method: "POST", body: form});
    job = await r.json();
    if (!r.ok) throw new Error(job.error || r.statusText);
  } catch (e) { showError(T["upload.failed"] + e.message); progress.hidden = true; return; }
  for (;;) {
    const r = await fetch("/api/jobs/" + encodeURIComponent(job.id));
    job = await r.json();
    bar.style.width = Math.max(2, 100 * job.done / job.total) + "%";
    text.textContent = job.state === "running"
      ? fill(T["checking"], {done: job.done, total: job.total}) + (job.current ? " · " + job.current : "")
      : (job.state === "finished" ? T["finished"] : T["failed"] + job.error);
    progress.dataset.state = job.state;
    if (job.state !== "running") break;
    await new Promise((res) => setTimeout(res, 400));
  }
  if (job.state === "finished") window.location.reload();
}

function setupUpload() {
  const drop = document.getElementById("drop");
  if (!drop) return;
  const fromInput = (input) => upload([...input.files].map((f) => [f, f.webkitRelativePath || f.name]));
  document.getElementById("pick-files").addEventListener("change", (e) => fromInput(e.target));
  document.getElementById("pick-folder").addEventListener("change", (e) => fromInput(e.target));
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", async (e) => {
    e.preventDefault(); drop.classList.remove("over");
    const out = [];
    const entries = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    if (entries.length) { for (const en of entries) await collect(en, "", out); }
    else for (const f of e.dataTransfer.files) out.push([f, f.name]);
    upload(out);
  });
}

// ---------------------------------------------------------------- overview table
function setupTable() {
  const table = document.getElementById("overview");
  if (!table) return;
  const body = table.tBodies[0];
  table.querySelectorAll("th[data-sort]").forEach((th, col) => {
    th.addEventListener("click", () => {
      const asc = th.dataset.dir !== "asc";
      table.querySelectorAll("th").forEach((h) => delete h.dataset.dir);
      th.dataset.dir = asc ? "asc" : "desc";
      const key = (tr) => tr.cells[col].textContent.trim();
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a), y = key(b);
        const c = th.dataset.sort === "num" ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, document.documentElement.lang);
        return asc ? c : -c;
      });
      rows.forEach((r) => body.appendChild(r));
    });
  });
  const filter = document.getElementById("filter");
  const verdict = document.getElementById("filter-verdict");
  const apply = () => {
    const q = filter.value.trim().toLowerCase();
    for (const tr of body.rows) {
      const v = tr.querySelector(".verdict");
      const okText = !q || tr.textContent.toLowerCase().includes(q);
      const okVerdict = !verdict.value || (v && v.textContent.trim() === verdict.value);
      tr.hidden = !(okText && okVerdict);
    }
  };
  filter.addEventListener("input", apply);
  verdict.addEventListener("change", apply);
}

// ---------------------------------------------------------------- decisions
const STATE_LABEL = {accepted: T["state.accepted"], dismissed: T["state.dismissed"], open: T["state.open"]};

function markState(li, data) {
  li.classList.remove("state-accepted", "state-dismissed", "state-open");
  li.classList.add("state-" + data.state);
  li.querySelector(".state").textContent = STATE_LABEL[data.state];
  li.dataset.saved = String(Date.now());
  let reason = li.querySelector(".reason");
  if (data.state === "dismissed") {
    if (!reason) { reason = document.createElement("p"); reason.className = "reason"; li.querySelector(".actions").before(reason); }
    reason.textContent = T["reason"] + (data.reason || "");
  } else if (reason) reason.remove();
  if (data.text) li.querySelector(".text").textContent = data.text;
  document.querySelectorAll('.mark[data-opinion="' + li.dataset.opinion + '"]').forEach((m) => {
    m.classList.remove("state-accepted", "state-dismissed", "state-open"); m.classList.add("state-" + data.state);
  });
}

function setupOpinions() {
  document.querySelectorAll("li.opinion").forEach((li) => {
    const url = li.dataset.url;
    const act = async (body) => {
      try { markState(li, await post(url, body)); } catch (e) { alert(T["not.saved"] + e.message); }
    };
    li.querySelector(".accept").addEventListener("click", () => act({action: "accept"}));
    li.querySelector(".reopen").addEventListener("click", () => act({action: "reopen"}));
    const dform = li.querySelector(".dismiss-form");
    const eform = li.querySelector(".edit-form");
    li.querySelector(".dismiss").addEventListener("click", () => { dform.hidden = !dform.hidden; dform.reason.focus(); });
    li.querySelector(".edit").addEventListener("click", () => { eform.hidden = !eform.hidden; });
    dform.addEventListener("submit", (e) => { e.preventDefault(); act({action: "dismiss", reason: dform.reason.value}); dform.hidden = true; });
    eform.addEventListener("submit", (e) => { e.preventDefault(); act({action: "edit", text: eform.text.value}); eform.hidden = true; });
  });
  const sel = document.getElementById("verdict");
  if (sel) sel.addEventListener("change", async () => {
    try { await post(sel.dataset.url, {verdict: sel.value || null}); document.getElementById("verdict-saved").hidden = false; }
    catch (e) { alert(T["not.saved"] + e.message); }
  });
  document.querySelectorAll(".mark").forEach((m) => m.addEventListener("mouseenter", () => {
    document.querySelectorAll("li.opinion").forEach((li) => li.classList.toggle("hover", li.dataset.opinion === m.dataset.opinion));
  }));
}

document.addEventListener("DOMContentLoaded", () => { setupUpload(); setupTable(); setupOpinions(); });
