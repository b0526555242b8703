#!/usr/bin/env python3
"""Survey results benchmark (driven by bench/surveys.sh): answers/s with concurrent clients, then
the p99 of reading a survey's results at 1,000 and at 1,000,000 answers. The answers beyond the
HTTP phase are bulk-loaded with set-based SQL into the answer and tally-slot tables: loading is not
what is measured."""
import http.client, json, os, subprocess, sys, threading, time, urllib.parse, uuid

BASE = os.environ["SURVEY_URL"]
TOKEN = os.environ["BENCH_TOKEN"]
CLIENTS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
DURATION = float(os.environ.get("BENCH_DURATION", "20"))
READS = int(os.environ.get("BENCH_READS", "1000"))
SLOTS = int(os.environ.get("ZF_SURVEY_TALLY_SLOTS", "16"))
MYSQL = os.environ["BENCH_MYSQL"].split()  # mysql client command, database selected
DEPTS = ["planning", "land", "enforcement", "office", "registry", "survey", "mining", "law", "finance", "window"]
u = urllib.parse.urlparse(BASE)


def log(msg):
    print("[surveys] " + msg, file=sys.stderr, flush=True)


def call(conn, method, path, body=None, auth=True):
    headers = {"Content-Type": "application/json"}
    if auth:
        headers["Authorization"] = "Bearer " + TOKEN
    conn.request(method, u.path.rstrip("/") + path, body=None if body is None else json.dumps(body), headers=headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, data


def connect():
    return http.client.HTTPConnection(u.hostname, u.port or 80, timeout=30)


def sql(statement):
    subprocess.run(MYSQL, input=statement.encode(), check=True)


questions = [
    {"type": "appraisal", "text": "您对我局政风行风的总体评价", "required": True},
    {"type": "matrix", "text": "请对各科室、窗口评议", "scale": "appraisal", "required": True,
     "rows": [{"key": d, "label": d} for d in DEPTS]},
    {"type": "single", "text": "您办理的业务", "options": [{"key": "o%d" % i, "label": "业务%d" % i} for i in range(5)]},
    {"type": "text", "text": "意见和建议", "maxLength": 200},
]
SCALE = ["satisfied", "basically_satisfied", "dissatisfied"]


def sheet(j):
    a = {"q1": SCALE[j % 3], "q2": {d: SCALE[(j + r) % 3] for r, d in enumerate(DEPTS)}, "q3": "o%d" % (j % 5)}
    if j % 10 == 0:
        a["q4"] = "窗口排队时间长，建议增加自助设备"
    return a


c = connect()
status, data = call(c, "POST", "/api/surveys", {"title": "基准测试问卷", "campaignYear": 2026, "audience": "public",
                                              "questions": questions})
assert status == 201, (status, data)
sid = json.loads(data)["id"]
status, data = call(c, "POST", "/api/surveys/%s/open" % sid)
assert status == 200, (status, data)
log("survey %s open; %d clients answer for %.0f s" % (sid, CLIENTS, DURATION))

# 1. answers/s with CLIENTS concurrent clients (public ballots: one fresh ballot id per answer)
done = [0] * CLIENTS
errors = [0] * CLIENTS
stop_at = time.time() + DURATION


def client(k):
    conn = connect()
    j = k
    while time.time() < stop_at:
        st, _ = call(conn, "POST", "/api/surveys/public/%s/ballots" % sid,
                     {"ballotId": uuid.uuid4().hex, "answers": sheet(j)}, auth=False)
        if st == 201:
            done[k] += 1
        else:
            errors[k] += 1
        j += CLIENTS


threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
t0 = time.time()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.time() - t0
answered = sum(done)
rate = answered / elapsed
log("answered %d in %.1f s (%d errors)" % (answered, elapsed, sum(errors)))
status, _ = call(c, "POST", "/api/surveys/%s/close" % sid)
assert status == 200


def counts(n):
    """How many of answers 0..n-1 fall on each tally key (the same sheet(j) as the HTTP phase)."""
    out = {("_answers", "", ""): n, ("q1", "", "_n"): n, ("q2", "", "_n"): n, ("q3", "", "_n"): n,
           ("q4", "", "_n"): (n + 9) // 10}
    for k in range(3):
        out[("q1", "", SCALE[k])] = len(range(k, n, 3))
        for r, d in enumerate(DEPTS):
            out[("q2", d, SCALE[k])] = len(range((k - r) % 3, n, 3))
    for k in range(5):
        out[("q3", "", "o%d" % k)] = len(range(k, n, 5))
    return out


def load(start, n):
    """Adds answers start..start+n-1: tally slots by one multi-row upsert, answer rows set-based."""
    before, after = counts(start), counts(start + n)
    rows = []
    for key, total in after.items():
        add = total - before.get(key, 0)
        for slot in range(SLOTS):
            share = add // SLOTS + (1 if slot < add % SLOTS else 0)
            if share:
                rows.append("('%s','%s','%s','%s','public','public','online',%d,%d)" % ((sid,) + key + (slot, share)))
    sql("INSERT INTO tally (survey_id, question_key, row_key, option_key, pool, respondent_group, channel, slot, n) VALUES "
        + ",".join(rows) + " ON DUPLICATE KEY UPDATE n = n + VALUES(n);")
    digits = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL " \
             "SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)"
    body = json.dumps(sheet(1), ensure_ascii=False).replace("'", "''")
    left = n
    while left > 0:
        chunk = min(left, 100000)
        tables = ", ".join("%s t%d" % (digits, i) for i in range(len(str(chunk - 1))))
        sql("INSERT INTO response (id, survey_id, pool, answered_on, answers, has_text) SELECT UUID(), '%s', 'public', "
            "CURDATE(), '%s', FALSE FROM %s LIMIT %d;" % (sid, body, tables, chunk))
        left -= chunk


def settled():
    """Waits (at most 120 s) until InnoDB has flushed what the bulk load dirtied: the reads are then
    measured at steady state at each size, not against the load's own background writes."""
    deadline = time.time() + 120
    while time.time() < deadline:
        out = subprocess.run(MYSQL + ["-N", "-e", "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'"],
                             capture_output=True, check=True).stdout.decode().split()
        if out and int(out[-1]) < 100:
            return
        time.sleep(1)


def p99(label):
    settled()
    conn = connect()
    for _ in range(30):
        call(conn, "GET", "/api/surveys/%s/results" % sid)
    times = []
    for _ in range(READS):
        t = time.perf_counter()
        st, data = call(conn, "GET", "/api/surveys/%s/results" % sid)
        times.append((time.perf_counter() - t) * 1000)
        assert st == 200, (st, data[:300])
    times.sort()
    answers = json.loads(data)["answers"]
    value = times[min(len(times) - 1, int(len(times) * 0.99))]
    log("%s: results of %d answers, p50 %.1f ms, p99 %.1f ms over %d reads" % (label, answers, times[len(times) // 2], value, READS))
    return answers, value


# 2. exactly 1,000 answers: the HTTP phase's tallies and sheets are replaced by a bulk load
sql("DELETE FROM tally WHERE survey_id = '%s'; DELETE FROM response WHERE survey_id = '%s';" % (sid, sid))
load(0, 1000)
a1, p_small = p99("1,000")
assert a1 == 1000, a1
log("loading 999,000 more answers")
t = time.time()
load(1000, 999000)
log("loaded in %.0f s" % (time.time() - t))
a2, p_big = p99("1,000,000")
assert a2 == 1000000, a2
print("survey_answers_per_s=%.0f (%d clients, %.0f s)" % (rate, CLIENTS, DURATION))
print("survey_results_p99_ms_at_1000=%.1f" % p_small)
print("survey_results_p99_ms=%.1f" % p_big)
print("results_ratio=%.2f" % (p_big / p_small))
