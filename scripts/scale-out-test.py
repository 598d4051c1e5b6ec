#!/usr/bin/env python3
"""Two instances on one PostgreSQL, as an operator runs replicas behind a load balancer.

Starts two packaged services (target/quarkus-app/quarkus-run.jar) at the same moment on one empty
PostgreSQL database (both migrate at start), with the same pseudonym key and the same rules folder,
which both watch. 16 clients post evaluations spread over both instances while the rules are edited
five times (each edit is a new ruleset version that both instances reload on their own and archive on
first use, racing each other). Then checks: no answer but 200; each instance lists every record of
both; each instance replays records the other one wrote, reproducing the stored answer; and a cursor
issued by one instance is accepted by the other. Exits non-zero on any failure.

Usage: python3 scripts/scale-out-test.py [--seconds-per-version 3] [--port 18090]
Needs QUARKUS_DATASOURCE_POSTGRESQL_JDBC_URL, _USERNAME and _PASSWORD naming a database the user owns
(its public schema is emptied first) and psql on the PATH. Only talks to 127.0.0.1.
"""
import argparse, base64, json, os, random, re, shutil, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.parse, urllib.request

JAR = "target/quarkus-app/quarkus-run.jar"
# Readiness is on each instance's management interface, on a port of its own beside the service's.
MANAGEMENT_PORT_OFFSET = 1000
READINESS_URL = "http://127.0.0.1:{management_port}/q/health/ready"
REQUESTS = [
    {"labs": [{"analyte": "potassium", "value": 3.1, "unit": "mmol/L"}]},
    {"labs": [{"analyte": "magnesium", "value": 1.4, "unit": "mg/dL"}], "medications": [{"name": "Lasix"}]},
    {"activity": {"intensity": "intense", "warmsUp": False, "stretches": True, "restDaysPerWeek": 0}},
    {"conditions": ["MS", "hypertension"], "symptoms": ["tremor"]},
    {},
]


def call(base, method, path, body=None, user="requester", timeout=30):
    data = None if body is None else json.dumps(body).encode()
    auth = "Basic " + base64.b64encode(f"{user}:{user}".encode()).decode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Authorization": auth})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def empty_database():
    url = os.environ["QUARKUS_DATASOURCE_POSTGRESQL_JDBC_URL"]
    match = re.match(r"jdbc:postgresql://([^:/]+)(?::(\d+))?/([^?]+)", url)
    host, port, database = match.group(1), match.group(2) or "5432", match.group(3)
    if host not in ("127.0.0.1", "localhost"):
        sys.exit("this test empties the database: give it a local one")
    env = dict(os.environ, PGPASSWORD=os.environ["QUARKUS_DATASOURCE_POSTGRESQL_PASSWORD"])
    subprocess.run(["psql", "-q", "-h", host, "-p", port, "-U", os.environ["QUARKUS_DATASOURCE_POSTGRESQL_USERNAME"],
                    "-d", database, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(process, port):
    deadline = time.time() + 180
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"an instance exited with {process.returncode} while starting")
        try:
            with urllib.request.urlopen(READINESS_URL.format(management_port=port + MANAGEMENT_PORT_OFFSET),
                                        timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    sys.exit("an instance did not become ready within 180 s")


def active_version(base):
    return json.loads(call(base, "GET", "/api/v1/ruleset", user="auditor")[1])["version"]


def listed(base, since):
    ids, cursor, cursors = set(), None, []
    while True:
        query = {"from": since, "limit": "500", **({"cursor": cursor} if cursor else {})}
        status, text = call(base, "GET", "/api/v1/evaluations?" + urllib.parse.urlencode(query), user="auditor", timeout=60)
        if status != 200:
            sys.exit(f"listing failed with {status}: {text[:200]}")
        page = json.loads(text)
        ids.update(item["evaluationId"] for item in page["items"])
        cursor = page["nextCursor"]
        if not cursor:
            return ids, cursors
        cursors.append(cursor)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds-per-version", type=float, default=3.0)
    parser.add_argument("--port", type=int, default=18090)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing; build it first: ./mvnw -B -q package -DskipTests")
    empty_database()
    work = tempfile.mkdtemp(prefix="scale-out-")
    rules = os.path.join(work, "rules")
    shutil.copytree("rules", rules)
    key = base64.b64encode(os.urandom(32)).decode()
    ports = [args.port, args.port + 1]
    bases = [f"http://127.0.0.1:{p}" for p in ports]
    processes = []
    try:
        for i, port in enumerate(ports):
            env = dict(os.environ, QUARKUS_HTTP_HOST="127.0.0.1", QUARKUS_HTTP_PORT=str(port),
                       QUARKUS_MANAGEMENT_PORT=str(port + MANAGEMENT_PORT_OFFSET),
                       ADVISOR_AUDIT_STORE="postgresql", ADVISOR_AUDIT_PSEUDONYM_KEY=key, ADVISOR_RULES_DIR=rules,
                       ADVISOR_DATA_DIR=os.path.join(work, f"data-{i}"), ADVISOR_RULES_WATCH="true")
            processes.append(subprocess.Popen(["java", "-jar", JAR], env=env, stdout=subprocess.DEVNULL,
                                              stderr=open(os.path.join(work, f"instance-{i}.log"), "w")))
        for process, port in zip(processes, ports):
            wait_ready(process, port)
        since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))

        stop, lock, answered, failures = threading.Event(), threading.Lock(), {}, []

        def client(n):
            rng = random.Random(n)
            i = 0
            while not stop.is_set():
                which = (n + i) % 2
                i += 1
                body = dict(rng.choice(REQUESTS), patient={"id": f"scale-{n}"})
                try:
                    status, text = call(bases[which], "POST", "/api/v1/evaluations", body)
                except Exception as error:  # noqa: BLE001 - any failure counts
                    failures.append(repr(error))
                    continue
                if status == 200:
                    answer = json.loads(text)
                    with lock:
                        answered[answer["evaluationId"]] = (which, answer)
                else:
                    failures.append(f"{status} from instance {which}: {text[:200]}")

        threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(args.clients)]
        for thread in threads:
            thread.start()
        versions = [active_version(bases[0])]
        for edit in range(args.edits):
            time.sleep(args.seconds_per_version)
            with open(os.path.join(rules, "advice", "management.drl"), "a") as drl:
                drl.write(f"\n// scale-out test edit {edit + 1}\n")
            deadline = time.time() + 120
            while time.time() < deadline:
                now = [active_version(b) for b in bases]
                if now[0] == now[1] and now[0] not in versions:
                    versions.append(now[0])
                    break
                time.sleep(0.2)
            else:
                sys.exit("the instances did not both activate the edited rules within 120 s")
        time.sleep(args.seconds_per_version)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

        used = {answer["rulesetVersion"] for _, answer in answered.values()}
        by_instance = [sum(1 for w, _ in answered.values() if w == i) for i in range(2)]
        print(f"{len(answered)} evaluations answered 200 ({by_instance[0]} by instance 1, {by_instance[1]} by "
              f"instance 2) over {len(used)} ruleset versions; {len(failures)} failures", flush=True)
        for failure in failures[:10]:
            print("  failure:", failure)
        ok = not failures and len(used) >= 2
        for i, base in enumerate(bases):
            ids, cursors = listed(base, since)
            missing = set(answered) - ids
            print(f"instance {i + 1} lists {len(set(answered) & ids)} of {len(answered)} answered evaluations"
                  + (f"; {len(missing)} missing" if missing else ""), flush=True)
            ok = ok and not missing
            if cursors:  # the other instance takes this one's cursor
                status, _ = call(bases[1 - i], "GET", "/api/v1/evaluations?" + urllib.parse.urlencode(
                    {"from": since, "limit": "500", "cursor": cursors[0]}), user="auditor")
                print(f"instance {2 - i} accepts a cursor of instance {i + 1}: {status}")
                ok = ok and status == 200
        replays = 0
        for evaluation_id, (which, answer) in list(answered.items())[:: max(1, len(answered) // 10)]:
            status, text = call(bases[1 - which], "POST", f"/api/v1/evaluations/{evaluation_id}/replay", user="auditor")
            reproduced = status == 200 and json.loads(text)["reproducesStoredAnswer"]
            ok = ok and reproduced
            replays += 1
            if not reproduced:
                print(f"  replay of {evaluation_id} on the other instance: {status} {text[:200]}")
        print(f"{replays} evaluations replayed on the instance that did not answer them", flush=True)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        if os.environ.get("KEEP_SCALE_OUT_LOGS") is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("logs in", work)
    print("scale-out test: " + ("1 passed, 0 failed" if ok else "0 passed, 1 failed"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
