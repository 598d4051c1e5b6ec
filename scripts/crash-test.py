#!/usr/bin/env python3
"""Crash test of the audit log: a 200 must mean a stored, intact record, even across a SIGKILL.

Each round starts the packaged service (target/quarkus-app/quarkus-run.jar), drives concurrent
evaluations from 16 clients, kills the service with SIGKILL in the middle of the load, restarts it on
the same store, and checks that every evaluation that was answered with 200 is in the audit log with
exactly the response the client received. Exits non-zero when any record is missing or altered.

Usage: python3 scripts/crash-test.py [--rounds 5] [--store h2|postgresql] [--port 18080]
For --store postgresql, set QUARKUS_DATASOURCE_POSTGRESQL_JDBC_URL, _USERNAME and _PASSWORD.
Only talks to 127.0.0.1.
"""
import argparse, base64, json, os, random, shutil, signal, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.request

JAR = "target/quarkus-app/quarkus-run.jar"
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
    # Readiness is on the management interface, on a port of its own beside the service's.
    management_port = port + 1000
    env = dict(env, QUARKUS_MANAGEMENT_PORT=str(management_port))
    process = subprocess.Popen(["java", "-jar", JAR], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"the service exited with {process.returncode} while starting")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{management_port}/q/health/ready", timeout=2) as response:
                if response.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    process.kill()
    sys.exit("the service did not become ready within 120 s")


def drive(base, stop, acknowledged, lock, failures):
    rng = random.Random()
    while not stop.is_set():
        body = dict(rng.choice(REQUESTS))
        body["patient"] = {"id": f"crash-{rng.randrange(1000)}"}
        try:
            status, text = call(base, "POST", "/api/v1/evaluations", body)
        except Exception:  # the service is being killed: nothing was promised
            continue
        if status == 200:
            answer = json.loads(text)
            with lock:
                acknowledged[answer["evaluationId"]] = answer
        else:
            failures.append(status)


def round_(number, args, env):
    base = f"http://127.0.0.1:{args.port}"
    process = start(args.port, env)
    stop, lock, acknowledged, failures = threading.Event(), threading.Lock(), {}, []
    clients = [threading.Thread(target=drive, args=(base, stop, acknowledged, lock, failures), daemon=True)
               for _ in range(args.clients)]
    for client in clients:
        client.start()
    time.sleep(random.uniform(args.min_load, args.max_load))
    process.send_signal(signal.SIGKILL)
    process.wait()
    stop.set()
    for client in clients:
        client.join(timeout=15)
    killed_with = len(acknowledged)

    process = start(args.port, env)
    missing, altered = [], []
    try:
        for evaluation_id, answer in acknowledged.items():
            try:
                status, text = call(base, "GET", f"/api/v1/evaluations/{evaluation_id}", user="auditor")
            except urllib.error.HTTPError as error:
                missing.append((evaluation_id, error.code))
                continue
            if json.loads(text)["response"] != answer:
                altered.append(evaluation_id)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    ok = not missing and not altered and not failures
    print(f"round {number}: {killed_with} evaluations answered 200 before SIGKILL; "
          f"{killed_with - len(missing)} present, {killed_with - len(missing) - len(altered)} intact, "
          f"{len(missing)} missing, {len(altered)} altered, {len(failures)} non-200 answers under load"
          + ("" if ok else "  <-- FAILED"), flush=True)
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--store", choices=["h2", "postgresql"], default="h2")
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--min-load", type=float, default=3.0, help="seconds of load before the kill, at least")
    parser.add_argument("--max-load", type=float, default=6.0, help="seconds of load before the kill, at most")
    args = parser.parse_args()
    if not os.path.exists(JAR):
        sys.exit(f"{JAR} is missing; build it first: mvn -B -q package -DskipTests")

    data_dir = tempfile.mkdtemp(prefix="crash-test-")
    env = dict(os.environ, QUARKUS_HTTP_HOST="127.0.0.1", QUARKUS_HTTP_PORT=str(args.port),
               ADVISOR_DATA_DIR=data_dir, ADVISOR_AUDIT_STORE=args.store)
    try:
        results = [round_(n, args, env) for n in range(1, args.rounds + 1)]
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    passed = sum(results)
    print(f"crash test ({args.store}): {passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
