"""Seeds the fuzz corpus from the golden vectors (idempotent: files are named by content hash)."""
import hashlib, json, pathlib

root = pathlib.Path(__file__).resolve().parent
vectors = root.parent / "tests" / "vectors"
policies = root.parent / "policies"

def put(target, text):
    d = root / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    data = text.encode()
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

for p in sorted(vectors.rglob("*.json")):
    v = json.loads(p.read_text())
    op = v.get("op", "evaluate")
    req = v.get("request")
    if op == "evaluate":
        put("evaluate", v["requestText"] if "requestText" in v else json.dumps(req))
        if isinstance(req, dict) and isinstance(req.get("policy"), dict):
            put("policy", json.dumps(req["policy"]))
        if isinstance(req, dict) and isinstance(req.get("ledger"), str):
            put("ledger", req["ledger"])
    elif op.startswith("ledger") and isinstance(req, dict):
        if isinstance(req.get("text"), str):
            put("ledger", req["text"])
        elif isinstance(req.get("entries"), list):
            put("ledger", "\n".join(json.dumps(e) for e in req["entries"]) + "\n")
    elif op == "parseDiff" and isinstance(req, dict):
        text = req.get("nameStatus") or req.get("text") or ""
        if isinstance(text, str):
            numstat = req.get("numstat")
            put("diff", text + ("\u0001" + numstat if isinstance(numstat, str) else ""))
for p in sorted(policies.glob("*.json")):
    put("policy", p.read_text())
