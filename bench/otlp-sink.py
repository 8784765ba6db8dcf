#!/usr/bin/env python3
"""An OTLP/HTTP collector stand-in for BENCH_TRACING=1: accepts POST /v1/traces on 127.0.0.1:PORT and
answers 200 with an empty ExportTraceServiceResponse, as a collector does, without decoding. On
SIGTERM it prints how many exports and bytes it took, so a run shows the spans did leave the API."""
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

exports = 0
received = 0


class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global exports, received
        length = int(self.headers.get("Content-Length", "0"))
        received += len(self.rfile.read(length))
        exports += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def stop(*_):
    print(f"otlp-sink: {exports} exports, {received} bytes", flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
