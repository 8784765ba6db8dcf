#!/usr/bin/env python3
"""Where the API's CPU goes, next to the floor's: a run's perf profiles (BENCH_PERF=1) in buckets.

Usage: python3 bench/perf-breakdown.py bench/results/<run>   (run-bench.sh calls it with BENCH_PERF=1)

Every CPU sample is put in the bucket of the first frame, from the sampled instruction outwards,
that belongs to a known component (the kernel, Npgsql and Dapper, token validation, our code, ...):
a socket send made by Npgsql counts as kernel, JSON written by our code counts as JSON. The shares
are then scaled by the process's CPU per request measured in the same run (results.tsv, server=),
so each cell is milliseconds of CPU per request, and API − floor per bucket is what our request
path adds there.
"""
import collections
import os
import re
import subprocess
import sys

# Order matters: the first bucket whose pattern a frame matches wins, walking from the leaf.
BUCKETS = [
    ("kernel (sockets, scheduling)", r"\[kernel\.kallsyms\]"),
    ("Npgsql + Dapper", r"\[Npgsql\]|\[Dapper\]|Npgsql\.|Dapper\.|dynamicClass::(Deserialize|ParamInfo)"),
    ("token validation (IdentityModel, JwtBearer)", r"IdentityModel|JwtBearer"),
    ("authentication, other", r"Microsoft\.AspNetCore\.Authentication"),
    ("authorization", r"Authorization"),
    ("rate limiter", r"RateLimit"),
    ("Swagger", r"Swashbuckle"),
    ("metrics", r"OpenTelemetry|Diagnostics\.Metrics|HostingMetrics|OrdersMetrics"),
    ("logging", r"Extensions\.Logging"),
    ("System.Text.Json", r"System\.Text\.Json"),
    ("our code (Orders.Api)", r"\[Orders\.Api\]|Orders\.Api\."),
    ("CORS, exception and status-code pages", r"Cors|StatusCodePages|ExceptionHandler"),
    ("routing, endpoint, results", r"Routing|RequestDelegateFactory|lambda_method|HttpResults|Http\.Results"),
    ("hosting, activities", r"AspNetCore\.Hosting|Activity"),
    ("Kestrel, pipelines", r"Kestrel|System\.IO\.Pipelines"),
    ("sockets, thread pool", r"System\.Net\.Sockets|ThreadPool|SocketAsyncEngine"),
    ("GC, runtime", r"libcoreclr|libclrjit"),
]
COMPILED = [(name, re.compile(pattern)) for name, pattern in BUCKETS]


def bucket_shares(perf_data):
    """Share of samples per bucket in one perf.data file."""
    run = subprocess.run(["perf", "script", "-i", perf_data], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        # A profile perf could not finish writing (it happens when the profiled window ends under
        # load); reported as missing rather than ending the whole breakdown.
        return None
    script = run.stdout
    counts = collections.Counter()
    total = 0
    for sample in script.split("\n\n"):
        frames = [line.strip() for line in sample.splitlines() if line.startswith(("\t", " "))]
        if not frames:
            continue
        total += 1
        counts[next((name for frame in frames for name, pattern in COMPILED if pattern.search(frame)), "other")] += 1
    return {name: count / total for name, count in counts.items()} if total else {}


def server_ms_per_op(results_tsv):
    """(scenario, path) -> the server process's CPU ms per request, from results.tsv."""
    cpu = {}
    with open(results_tsv, encoding="utf-8") as results:
        for line in results:
            fields = line.rstrip("\n").split("\t")
            match = re.search(r"server=([0-9.]+)", line)
            if len(fields) > 2 and match:
                cpu[(fields[1], fields[2])] = float(match.group(1))
    return cpu


def main(run_dir):
    cpu = server_ms_per_op(os.path.join(run_dir, "results.tsv"))
    # Every scenario run-bench.sh knows, in its order; those not run have no profile and are passed over.
    for scenario in ("create", "duplicate", "lookup", "not-modified", "change", "cancel"):
        paths = {path: os.path.join(run_dir, f"perf-{scenario}-{path}.data") for path in ("api", "floor")}
        if not all(os.path.exists(data) for data in paths.values()):
            continue
        shares = {path: bucket_shares(data) for path, data in paths.items()}
        unreadable = [path for path, share in shares.items() if share is None]
        if unreadable:
            print(f"\n{scenario}: the {' and '.join(unreadable)} profile could not be read (perf script failed); no breakdown")
            continue
        ms = {path: {name: share * cpu.get((scenario, path), 0.0) for name, share in shares[path].items()} for path in paths}
        print(f"\n{scenario}: API {cpu.get((scenario, 'api'), 0):.3f} ms of CPU per request, floor {cpu.get((scenario, 'floor'), 0):.3f}\n")
        print("| where | API ms/request | floor ms/request | API − floor |")
        print("|---|---:|---:|---:|")
        names = sorted(set(ms["api"]) | set(ms["floor"]), key=lambda name: -ms["api"].get(name, 0.0))
        for name in names:
            api, floor = ms["api"].get(name, 0.0), ms["floor"].get(name, 0.0)
            print(f"| {name} | {api:.4f} | {floor:.4f} | {api - floor:+.4f} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
