#!/usr/bin/env python3
"""Crash test of the audit log: a 200 must mean a stored, intact record, even across a SIGKILL.

Each round starts the packaged service (target/quarkus-app/quarkus-run.jar), drives concurrent
evaluations from 16 clients, kills the service with SIGKILL in the middle of the load, restarts it on
the same store, and checks that every evaluation that was answered with 200 is in the audit log with
exactly the response the client received, and that every listing filter finds it (rule, cause, advice,
rule with advice, ruleset version, patient, time). Exits non-zero when any record is missing, altered
or not listed.

On the embedded store, further rounds (--index-behind-rounds, default 1) run with the query index
committed only once an hour, so the kill always leaves the index behind the log: the restart must index
the log's tail again before the listings are checked.

Usage: python3 scripts/crash-test.py [--rounds 5] [--store embedded|postgresql] [--port 18080]
For --store postgresql, set QUARKUS_DATASOURCE_POSTGRESQL_JDBC_URL, _USERNAME and _PASSWORD.
Only talks to 127.0.0.1.
"""
import argparse, base64, json, os, random, shutil, signal, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.parse, urllib.request

JAR = "target/quarkus-app/quarkus-run.jar"
# Where readiness is asked; the one place to change when health moves to the management port.
# Readiness is on the management interface, on a port of its own beside the service's.
MANAGEMENT_PORT_OFFSET = 1000
READINESS_URL = "http://127.0.0.1:{management_port}/q/health/ready"
REQUESTS = [
    {"labs": [{"analyte": "potassium", "value": 3.1, "unit": "mmol/L"}]},
    {"labs": [{"analyte": "magnesium", "value": 1.4, "unit": "mg/dL"}], "medications": [{"name": "Lasix"}]},
    {"activity": {"intensity": "intense", "warmsUp": False, "stretches": True, "restDaysPerWeek": 0}},
    {"conditions": ["MS", "hypertension"], "symptoms": ["tremor"]},
    {"substances": {"alcoholUnitsPerWeek": 20, "caffeineMgPerDay": 500, "herbalSupplements": ["senna"]}},
    {},
]


def auth(user):
    return "Basic " + base64.b64encode(f"{user}:{user}".encode()).decode()


def call(base, method, path, body=None, user="requester", timeout=10):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Authorization": auth(user)})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.read().decode()


def start(port, env):
    management_port = port + MANAGEMENT_PORT_OFFSET
    env = dict(env, QUARKUS_MANAGEMENT_PORT=str(management_port))
    process = subprocess.Popen(["java", "-jar", JAR], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"the service exited with {process.returncode} while starting")
        try:
            with urllib.request.urlopen(READINESS_URL.format(management_port=management_port), timeout=2) as response:
                if response.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    process.kill()
    sys.exit("the service did not become ready within 120 s")


def drive(base, stop, acknowledged, lock, failures, patient):
    rng = random.Random()
    while not stop.is_set():
        body = dict(rng.choice(REQUESTS))
        body["patient"] = {"id": patient}
        try:
            status, text = call(base, "POST", "/api/v1/evaluations", body)
        except Exception:  # the service is being killed: nothing was promised
            continue
        if status == 200:
            answer = json.loads(text)
            with lock:
                acknowledged[answer["evaluationId"]] = (answer, patient)
        else:
            failures.append(status)


def listed(base, filters):
    """Every evaluation id the listing gives for these filters, following nextCursor to the end."""
    ids, cursor = set(), None
    while True:
        query = dict(filters, limit="500", **({"cursor": cursor} if cursor else {}))
        status, text = call(base, "GET", "/api/v1/evaluations?" + urllib.parse.urlencode(query), user="auditor", timeout=60)
        page = json.loads(text)
        ids.update(item["evaluationId"] for item in page["items"])
        cursor = page["nextCursor"]
        if not cursor:
            return ids


def unlisted(base, acknowledged, since):
    """(id, filter) for every acknowledged record that a listing filter it matches does not find."""
    expected = {}  # (filter name, value) -> ids that must be listed
    for evaluation_id, (answer, patient) in acknowledged.items():
        rules = sorted({t["rule"] for t in answer["trace"]})
        causes = [c["code"] for c in answer["causes"]]
        advice = [a["code"] for a in answer["advice"]]
        keys = [("patientId", patient), ("rulesetVersion", answer["rulesetVersion"])]
        keys += [("rule", r) for r in rules] + [("cause", c) for c in causes] + [("advice", a) for a in advice]
        if rules and advice:
            keys.append(("rule+advice", (rules[0], advice[-1])))
        for key in keys:
            expected.setdefault(key, set()).add(evaluation_id)
    problems = []
    for (name, value), ids in expected.items():
        filters = {"from": since}
        if name == "rule+advice":
            filters.update(rule=value[0], advice=value[1])
        else:
            filters[name] = value
        found = listed(base, filters)
        problems += [(i, name) for i in ids - found]
    return problems, len(expected)


def round_(number, args, env, index_behind=False):
    base = f"http://127.0.0.1:{args.port}"
    if index_behind:
        env = dict(env, ADVISOR_AUDIT_EMBEDDED_INDEX_COMMIT_INTERVAL="PT1H")
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
    process = start(args.port, env)
    stop, lock, acknowledged, failures = threading.Event(), threading.Lock(), {}, []
    clients = [threading.Thread(target=drive, args=(base, stop, acknowledged, lock, failures,
                                                    f"crash-{number}-{c}"), daemon=True)
               for c in range(args.clients)]
    for client in clients:
        client.start()
    # The load time counts from the first answer, so that a slow first start still leaves records to check.
    deadline = time.time() + 120
    while not acknowledged and not failures and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(random.uniform(args.min_load, args.max_load))
    process.send_signal(signal.SIGKILL)
    process.wait()
    stop.set()
    for client in clients:
        client.join(timeout=15)
    killed_with = len(acknowledged)

    process = start(args.port, env)
    missing, altered, not_listed, filters = [], [], [], 0
    try:
        for evaluation_id, (answer, _) in acknowledged.items():
            try:
                status, text = call(base, "GET", f"/api/v1/evaluations/{evaluation_id}", user="auditor")
            except urllib.error.HTTPError as error:
                missing.append((evaluation_id, error.code))
                continue
            if json.loads(text)["response"] != answer:
                altered.append(evaluation_id)
        not_listed, filters = unlisted(base, acknowledged, since)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    ok = not missing and not altered and not failures and not not_listed
    print(f"round {number}{' (index behind)' if index_behind else ''}: {killed_with} evaluations answered 200 "
          f"before SIGKILL; {killed_with - len(missing)} present, {killed_with - len(missing) - len(altered)} intact, "
          f"{len(missing)} missing, {len(altered)} altered, {len(not_listed)} not listed by a filter "
          f"({filters} listings checked), {len(failures)} non-200 answers under load"
          + ("" if ok else "  <-- FAILED"), flush=True)
    for evaluation_id, name in not_listed[:10]:
        print(f"  not listed by {name}: {evaluation_id}", flush=True)
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--store", choices=["embedded", "h2", "postgresql"], default="embedded")
    parser.add_argument("--index-behind-rounds", type=int, default=1,
                        help="embedded store: further rounds with the index committed only once an hour")
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--min-load", type=float, default=3.0, help="seconds of load before the kill, at least")
    parser.add_argument("--max-load", type=float, default=6.0, help="seconds of load before the kill, at most")
    args = parser.parse_args()
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing; build it first: ./mvnw -B -q package -DskipTests")

    data_dir = tempfile.mkdtemp(prefix="crash-test-")
    env = dict(os.environ, QUARKUS_HTTP_HOST="127.0.0.1", QUARKUS_HTTP_PORT=str(args.port),
               ADVISOR_DATA_DIR=data_dir, ADVISOR_AUDIT_STORE=args.store)
    try:
        results = [round_(n, args, env) for n in range(1, args.rounds + 1)]
        if args.store != "postgresql":
            results += [round_(args.rounds + n, args, env, index_behind=True)
                        for n in range(1, args.index_behind_rounds + 1)]
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    passed = sum(results)
    print(f"crash test ({args.store}): {passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
