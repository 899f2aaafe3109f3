#!/usr/bin/env python3
"""Fault injection for Concord (issue 13, docs/reliability.md). Starts and always stops everything of its own.

  crash h2|postgres   RUNS x (start the node, AuthZEN decisions from THREADS threads, kill -9 under load,
                      compare every acknowledged audit_id with the log found afterwards, verify the chain)
  partition postgres|redis
                      two nodes (PostgreSQL, own redis-server); node B reaches the dependency through a loopback
                      TCP proxy of this script, which black-holes it (bytes held, connections kept open) for FAULT
                      seconds while both nodes are under load; node A's throughput before/during/after, node B's
                      time to fail and to recover
  sigterm             SIGTERM under load (H2): no 5xx, every acknowledged id kept

Needs the packaged jar (mvn -B -ntp -q -o -pl authz-server -am -DskipTests package), java, psql (postgres),
redis-server (partition). PostgreSQL at 127.0.0.1:5432 user postgres (trust): a database of its own, dropped.
Ports: BASE_PORT (18200) upwards. CONCORD_EXTRA_ARGS: more server arguments (e.g. an older H2 URL to compare). Results are printed as one JSON line per run and a summary.
"""
import argparse
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
JAR = os.environ.get('CONCORD_JAR', os.path.join(REPO, 'authz-server', 'target', 'concord-server.jar'))
JAVA = os.environ.get('JAVA', shutil.which('java') or 'java')
BASE_PORT = int(os.environ.get('BASE_PORT', '18200'))
PG = ('127.0.0.1', 5432)
LAUNCHER = 'org.springframework.boot.loader.launch.PropertiesLauncher'
H2_URL = 'jdbc:h2:file:{}/data/concord;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH'
GP = ('a81001-client', 'demo-secret-a81001')
EVALUATION = json.dumps({
    'subject': {'type': 'agency-practitioner', 'id': 'P123',
                'properties': {'organisation': 'A81001', 'org_type': 'gp', 'role': 'clinician'}},
    'resource': {'type': 'care-record', 'id': '9434765919',
                 'properties': {'category': 'medications', 'holder': 'RR8'}},
    'action': {'name': 'read'}, 'context': {'purpose': 'direct-care'}}).encode()


def log(*args):
    print(time.strftime('%H:%M:%S'), *args, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------ TCP proxy
class Proxy:
    """Loopback TCP proxy: 'pass' forwards, 'blackhole' holds every byte (connections stay open, as a dropped
    route would), 'cut' closes every connection and refuses new ones."""

    def __init__(self, port, target):
        self.target, self.mode, self.conns = target, 'pass', []
        self.lock = threading.Lock()
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(('127.0.0.1', port))
        self.server.listen(128)
        self.port = port
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if self.mode == 'cut':
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                while self.mode == 'blackhole':
                    time.sleep(0.05)  # held, never delivered while the fault lasts
                if self.mode == 'cut':
                    break
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.close()
            except OSError:
                pass

    def set(self, mode):
        self.mode = mode
        if mode in ('cut', 'blackhole'):
            with self.lock:
                conns, self.conns = self.conns, []
            if mode == 'cut':
                for s in conns:
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                        s.close()
                    except OSError:
                        pass
            else:
                # connections opened before the fault are black-holed too; keep them referenced
                self.held = conns


# ------------------------------------------------------------------------------------------------ node
class Node:
    def __init__(self, name, port, workdir, args):
        self.name, self.port, self.workdir, self.args = name, port, workdir, args
        self.base = 'http://127.0.0.1:%d' % port
        self.proc = None

    def start(self, timeout=int(os.environ.get('START_TIMEOUT', '600'))):
        os.makedirs(self.workdir, exist_ok=True)
        logf = open(os.path.join(self.workdir, self.name + '.log'), 'ab')
        env = {k: v for k, v in os.environ.items() if not k.startswith('CONCORD_BOOTSTRAP_ADMIN')}
        cmd = [JAVA, '-Xms512m', '-Xmx512m', '-XX:+UseG1GC', '-jar', JAR_COPY, '--server.address=127.0.0.1',
               '--server.port=%d' % self.port, '--concord.issuer=' + self.base, '--concord.rate-limit.enabled=false',
               '--logging.level.root=WARN'] + self.args + os.environ.get('CONCORD_EXTRA_ARGS', '').split()
        started = time.time()
        self.proc = subprocess.Popen(cmd, cwd=self.workdir, stdin=subprocess.DEVNULL, stdout=logf, stderr=logf)
        while time.time() - started < timeout:
            if self.proc.poll() is not None:
                raise SystemExit('%s exited during start-up, see %s' % (self.name, logf.name))
            try:
                if http('GET', self.base + '/actuator/health/readiness', timeout=2)[0] == 200:
                    log('%s ready in %.0fs (pid %d)' % (self.name, time.time() - started, self.proc.pid))
                    return
            except OSError:
                pass
            time.sleep(1)
        self.stop()
        raise SystemExit('%s not ready after %ds' % (self.name, timeout))

    def signal(self, sig):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)

    def stop(self, grace=30):
        if not self.proc or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def token(self):
        auth = base64.b64encode(('%s:%s' % GP).encode()).decode()
        status, body = http('POST', self.base + '/oauth2/token', b'grant_type=client_credentials&scope=decision',
                            {'Authorization': 'Basic ' + auth,
                             'Content-Type': 'application/x-www-form-urlencoded'}, timeout=30)
        if status != 200:
            raise SystemExit('no token from %s: %s %s' % (self.name, status, body[:300]))
        return json.loads(body)['access_token']


def http(method, url, body=None, headers=None, timeout=10):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as ex:
        return ex.code, ex.read()


# ------------------------------------------------------------------------------------------------ load
class Load:
    """THREADS threads posting AuthZEN evaluations to a node; records every acknowledged audit_id and every
    answer (time sent, time answered, status)."""

    def __init__(self, node, threads, token):
        self.node, self.token, self.stopped = node, token, False
        self.acked, self.answers, self.lock = [], [], threading.Lock()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def _run(self):
        headers = {'Authorization': 'Bearer ' + self.token, 'Content-Type': 'application/json'}
        while not self.stopped:
            sent = time.time()
            try:
                status, body = http('POST', self.node.base + '/access/v1/evaluation', EVALUATION, headers, 15)
            except (OSError, ValueError):
                status, body = 0, b''
            done = time.time()
            audit_id = None
            if status == 200:
                try:
                    audit_id = int(json.loads(body)['context']['audit_id'])
                except (ValueError, KeyError, TypeError):
                    status = -1
            with self.lock:
                self.answers.append((sent, done, status))
                if audit_id is not None:
                    self.acked.append(audit_id)
            if status == 0:
                time.sleep(0.05)

    def stop(self):
        self.stopped = True
        for t in self.threads:
            t.join(20)

    def ok_between(self, start, end):
        with self.lock:
            return sum(1 for s, d, st in self.answers if st == 200 and start <= d < end)


# ------------------------------------------------------------------------------------------------ database
def psql(db, sql):
    return subprocess.run(['psql', '-h', PG[0], '-p', str(PG[1]), '-U', 'postgres', '-d', db, '-v',
                           'ON_ERROR_STOP=1', '-qAt', '-c', sql], check=True, capture_output=True,
                          text=True).stdout


def seqs_postgres(db):
    return {int(x) for x in psql(db, 'SELECT seq FROM audit_record').split()}


def seqs_h2(workdir):
    out = subprocess.run([JAVA, '-cp', JAR_COPY, '-Dloader.main=org.h2.tools.Shell', LAUNCHER, '-url',
                          H2_URL.format(workdir), '-user', 'sa', '-password', '', '-sql',
                          'SELECT seq FROM audit_record'], check=True, capture_output=True, text=True).stdout
    return {int(line.strip()) for line in out.splitlines() if line.strip().isdigit()}


def verify(url, user):
    result = subprocess.run([JAVA, '-cp', JAR_COPY, '-Dloader.main=care.concord.server.audit.cli.AuditVerifyCli',
                             LAUNCHER, '--jdbc-url', url, '--user', user], capture_output=True, text=True)
    return result.returncode, (result.stdout + result.stderr).strip().splitlines()[-1:]


# ------------------------------------------------------------------------------------------------ scenarios
def crash(args, work):
    pg = args.database == 'postgres'
    db = 'concord_fault_%d_%d' % (os.getpid(), int(time.time()))
    node_args = ['--spring.profiles.active=demo']
    if pg:
        psql('postgres', 'CREATE DATABASE ' + db)
        node_args = ['--spring.profiles.active=postgres,demo',
                     '--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/' + db]
    node = Node('node', BASE_PORT, os.path.join(work, 'node'), node_args)
    totals = {'acknowledged': 0, 'lost': 0, 'runs': 0}
    try:
        for run in range(1, args.runs + 1):
            node.start()
            load = Load(node, args.threads, node.token()).start()
            time.sleep(args.duration)
            node.signal(signal.SIGKILL)
            killed = time.time()
            node.proc.wait()
            load.stop()
            # answers received after the kill cannot be acknowledgements of the killed process
            acked = set(load.acked)
            found = seqs_postgres(db) if pg else seqs_h2(node.workdir)
            lost = sorted(acked - found)
            code, last = verify(('jdbc:postgresql://127.0.0.1:5432/' + db) if pg else H2_URL.format(node.workdir),
                                'postgres' if pg else 'sa')
            result = {'scenario': 'crash', 'database': args.database, 'run': run, 'acknowledged': len(acked),
                      'found_of_acknowledged': len(acked) - len(lost), 'lost': lost[:20],
                      'records_in_log': len(found), 'max_acknowledged': max(acked, default=0),
                      'max_in_log': max(found, default=0), 'verify_exit': code, 'verify': last,
                      'non_200': sum(1 for _, d, st in load.answers if st != 200 and d < killed)}
            print(json.dumps(result), flush=True)
            totals['acknowledged'] += len(acked)
            totals['lost'] += len(lost)
            totals['runs'] += 1
            if code != 0:
                totals['verify_failures'] = totals.get('verify_failures', 0) + 1
    finally:
        node.stop()
        if pg:
            psql('postgres', 'DROP DATABASE IF EXISTS %s WITH (FORCE)' % db)
    print(json.dumps(dict(totals, scenario='crash-summary', database=args.database)), flush=True)


def sigterm(args, work):
    node = Node('node', BASE_PORT, os.path.join(work, 'node'), ['--spring.profiles.active=demo'])
    try:
        for run in range(1, args.runs + 1):
            node.start()
            load = Load(node, args.threads, node.token()).start()
            time.sleep(args.duration)
            term = time.time()
            node.signal(signal.SIGTERM)
            node.proc.wait(60)
            stopped = time.time()
            load.stop()
            acked = set(load.acked)
            found = seqs_h2(node.workdir)
            statuses = {}
            for s, d, st in load.answers:
                if s >= term - 1:
                    statuses[st] = statuses.get(st, 0) + 1
            result = {'scenario': 'sigterm', 'run': run, 'acknowledged': len(acked),
                      'lost': sorted(acked - found)[:20], 'exit_code': node.proc.returncode,
                      'shutdown_seconds': round(stopped - term, 2),
                      'answers_from_1s_before_term': {str(k): v for k, v in statuses.items()},
                      'errors_5xx': sum(1 for _, _, st in load.answers if st >= 500)}
            print(json.dumps(result), flush=True)
    finally:
        node.stop()


def partition(args, work):
    db = 'concord_fault_%d_%d' % (os.getpid(), int(time.time()))
    psql('postgres', 'CREATE DATABASE ' + db)
    redis_port, proxy_port, port_a, port_b = BASE_PORT + 10, BASE_PORT + 11, BASE_PORT, BASE_PORT + 1
    redis = subprocess.Popen(['redis-server', '--port', str(redis_port), '--bind', '127.0.0.1', '--save', '',
                              '--appendonly', 'no', '--dir', work], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    target = PG if args.dependency == 'postgres' else ('127.0.0.1', redis_port)
    proxy = Proxy(proxy_port, target)
    common = ['--spring.profiles.active=postgres,cluster,demo', '--spring.data.redis.host=127.0.0.1']
    b_db = 'jdbc:postgresql://127.0.0.1:%d/%s' % (proxy_port if args.dependency == 'postgres' else 5432, db)
    a = Node('node-a', port_a, os.path.join(work, 'a'), common + [
        '--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/' + db,
        '--spring.data.redis.port=%d' % redis_port])
    b = Node('node-b', port_b, os.path.join(work, 'b'), common + [
        '--spring.datasource.url=' + b_db,
        '--spring.data.redis.port=%d' % (proxy_port if args.dependency == 'redis' else redis_port)])
    loads = []
    try:
        a.start()
        b.start()
        load_a = Load(a, args.threads, a.token()).start()
        load_b = Load(b, args.threads, b.token()).start()
        loads = [load_a, load_b]
        time.sleep(args.warmup)
        t0 = time.time()
        time.sleep(args.duration)
        t1 = time.time()
        log('black-holing node B -> %s' % args.dependency)
        proxy.set('blackhole')
        time.sleep(args.fault)
        t2 = time.time()
        log('restoring node B -> %s' % args.dependency)
        proxy.set('pass')
        time.sleep(args.duration)
        t3 = time.time()
        for load in loads:
            load.stop()

        def rate(load, start, end):
            return round(load.ok_between(start, end) / (end - start), 1)

        failures = [(s, d, st) for s, d, st in load_b.answers if t1 <= s < t2 and st != 200]
        first_fail = min((d for s, d, st in failures), default=None)
        recovered = min((d for s, d, st in load_b.answers if st == 200 and s >= t2), default=None)
        result = {'scenario': 'partition', 'dependency': args.dependency, 'fault_seconds': args.fault,
                  'a_ok_per_s_before': rate(load_a, t0, t1), 'a_ok_per_s_during': rate(load_a, t1, t2),
                  'a_ok_per_s_after': rate(load_a, t2, t3), 'b_ok_per_s_before': rate(load_b, t0, t1),
                  'b_ok_per_s_during': rate(load_b, t1, t2),
                  'b_first_failure_after_s': round(first_fail - t1, 2) if first_fail else None,
                  'b_longest_failed_answer_s': round(max((d - s for s, d, st in failures), default=0), 2),
                  'b_failed_statuses': sorted({st for _, _, st in failures}),
                  'b_recovered_after_s': round(recovered - t2, 2) if recovered else None,
                  'a_statuses_during': sorted({st for s, d, st in load_a.answers if t1 <= s < t2})}
        print(json.dumps(result), flush=True)
    finally:
        for load in loads:
            load.stopped = True
        b.stop()
        a.stop()
        redis.terminate()
        redis.wait()
        psql('postgres', 'DROP DATABASE IF EXISTS %s WITH (FORCE)' % db)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--threads', type=int, default=8)
    parser.add_argument('--duration', type=float, default=10, help='seconds of load before the fault')
    parser.add_argument('--warmup', type=float, default=20)
    parser.add_argument('--fault', type=float, default=20, help='seconds the dependency is black-holed')
    sub = parser.add_subparsers(dest='scenario', required=True)
    sub.add_parser('crash').add_argument('database', choices=['h2', 'postgres'])
    sub.add_parser('partition').add_argument('dependency', choices=['postgres', 'redis'])
    sub.add_parser('sigterm')
    args = parser.parse_args()
    if not os.path.isfile(JAR):
        raise SystemExit('no jar at %s: mvn -B -ntp -q -o -pl authz-server -am -DskipTests package' % JAR)
    work = tempfile.mkdtemp(prefix='concord-fault-')
    global JAR_COPY
    JAR_COPY = os.path.join(work, 'concord-server.jar')
    shutil.copy(JAR, JAR_COPY)  # the tree's jar may be rebuilt while this runs
    try:
        {'crash': crash, 'partition': partition, 'sigterm': sigterm}[args.scenario](args, work)
    finally:
        if os.environ.get('KEEP') != '1':
            shutil.rmtree(work, ignore_errors=True)
        else:
            log('kept ' + work)


if __name__ == '__main__':
    main()
