"""The real bittensor 11 SDK on the other end of our btauth/1 wire (driven by test/interop/btauth.test.ts).

    btauth11.py client <port> <receiver ss58>   signs with bittensor.http_auth.sign, prints one JSON line per variant
    btauth11.py server <self ss58>              serves POST /Echo, checked by bittensor.http_auth.verify; prints its port
    btauth11.py payload <json>                  prints bittensor.http_auth.build_payload(**json) as hex
"""
import json
import sys
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import bittensor.http_auth as http_auth
from bittensor.sp_core import Keypair


def post(port, path, body, headers):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST", headers={**headers, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def client(port, receiver):
    alice = Keypair.create_from_uri("//Alice")
    charlie = Keypair.create_from_uri("//Charlie")
    body = b'{"prompt": "hi", "numbers": [1, 2]}'
    results = []

    def run(name, path, sent_body, headers):
        status, text = post(port, path, sent_body, headers)
        results.append({"variant": name, "status": status, "body": text})

    ok = http_auth.sign(alice, method="POST", path="/Echo", body=body, receiver_ss58=receiver)
    run("accepted", "/Echo", body, ok)
    run("replayed", "/Echo", body, ok)
    run("wrong receiver", "/Echo", body, http_auth.sign(alice, method="POST", path="/Echo", body=body, receiver_ss58=charlie.ss58_address))
    run("stale", "/Echo", body, http_auth.sign(alice, method="POST", path="/Echo", body=body, receiver_ss58=receiver, nonce_ns=time.time_ns() - 11_000_000_000))
    run("future", "/Echo", body, http_auth.sign(alice, method="POST", path="/Echo", body=body, receiver_ss58=receiver, nonce_ns=time.time_ns() + 5_000_000_000))
    run("body changed", "/Echo", b'{"prompt": "ho", "numbers": [1, 2]}', http_auth.sign(alice, method="POST", path="/Echo", body=body, receiver_ss58=receiver))
    run("path changed", "/Echo?x=2", body, http_auth.sign(alice, method="POST", path="/Echo?x=1", body=body, receiver_ss58=receiver))
    forged = http_auth.sign(charlie, method="POST", path="/Echo", body=body, receiver_ss58=receiver)
    forged["X-Bittensor-Hotkey"] = alice.ss58_address
    run("other key", "/Echo", body, forged)
    query = http_auth.sign(alice, method="POST", path="/Echo?mode=a%20b", body=body, receiver_ss58=receiver)
    run("percent-encoded query", "/Echo?mode=a%20b", body, query)
    for result in results:
        print(json.dumps(result), flush=True)


def server(self_hotkey):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                # self.path is the request target exactly as received (percent-encoded, with the query).
                caller = http_auth.verify(dict(self.headers.items()), body, method="POST", path=self.path, self_hotkey_ss58=self_hotkey)
            except http_auth.AuthError as error:
                return self.answer(401, {"error": type(error).__name__, "message": str(error)})
            request = json.loads(body)
            self.answer(200, {"answer": f"{request['prompt']}:{','.join(map(str, request['numbers']))}:{caller.hotkey_ss58}"})

        def answer(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(httpd.server_address[1], flush=True)
    httpd.serve_forever()


def payload(args):
    fields = json.loads(args)
    fields["body"] = fields["body"].encode()
    fields["nonce_ns"] = int(fields["nonce_ns"])
    print(http_auth.build_payload(**fields).hex())


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "client":
        client(int(sys.argv[2]), sys.argv[3])
    elif mode == "server":
        server(sys.argv[2])
    elif mode == "payload":
        payload(sys.argv[2])
    else:
        sys.exit(f"unknown mode {mode!r}")
