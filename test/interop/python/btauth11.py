"""The real bittensor 11 SDK on the other end of our btauth/1 wire (driven by test/interop/btauth.test.ts).

    btauth11.py client <port> <receiver ss58> [<path> <body> <other body>]
                                                signs with bittensor.http_auth.sign, prints one JSON line per variant
                                                (default: POST /Echo with an Echo input)
    btauth11.py ed25519 <port> <receiver ss58>  POST /Echo signed by //Alice as an ed25519 key, then as sr25519
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


def client(port, receiver, route="/Echo", body=b'{"prompt": "hi", "numbers": [1, 2]}', other_body=b'{"prompt": "ho", "numbers": [1, 2]}'):
    alice = Keypair.create_from_uri("//Alice")
    charlie = Keypair.create_from_uri("//Charlie")
    results = []

    def run(name, path, sent_body, headers):
        status, text = post(port, path, sent_body, headers)
        results.append({"variant": name, "status": status, "body": text})

    ok = http_auth.sign(alice, method="POST", path=route, body=body, receiver_ss58=receiver)
    run("accepted", route, body, ok)
    run("replayed", route, body, ok)
    run("wrong receiver", route, body, http_auth.sign(alice, method="POST", path=route, body=body, receiver_ss58=charlie.ss58_address))
    run("stale", route, body, http_auth.sign(alice, method="POST", path=route, body=body, receiver_ss58=receiver, nonce_ns=time.time_ns() - 11_000_000_000))
    run("future", route, body, http_auth.sign(alice, method="POST", path=route, body=body, receiver_ss58=receiver, nonce_ns=time.time_ns() + 5_000_000_000))
    run("body changed", route, other_body, http_auth.sign(alice, method="POST", path=route, body=body, receiver_ss58=receiver))
    run("path changed", f"{route}?x=2", body, http_auth.sign(alice, method="POST", path=f"{route}?x=1", body=body, receiver_ss58=receiver))
    forged = http_auth.sign(charlie, method="POST", path=route, body=body, receiver_ss58=receiver)
    forged["X-Bittensor-Hotkey"] = alice.ss58_address
    run("other key", route, body, forged)
    query = http_auth.sign(alice, method="POST", path=f"{route}?mode=a%20b", body=body, receiver_ss58=receiver)
    run("percent-encoded query", f"{route}?mode=a%20b", body, query)
    for result in results:
        print(json.dumps(result), flush=True)


def ed25519(port, receiver):
    body = b'{"prompt": "hi", "numbers": [1, 2]}'
    for name, key in (("ed25519", Keypair.create_from_uri("//Alice", crypto_type=0)), ("sr25519", Keypair.create_from_uri("//Alice"))):
        status, text = post(port, "/Echo", body, http_auth.sign(key, method="POST", path="/Echo", body=body, receiver_ss58=receiver))
        print(json.dumps({"variant": name, "hotkey": key.ss58_address, "status": status, "body": text}), flush=True)


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
        client(int(sys.argv[2]), sys.argv[3], *(arg if i == 0 else arg.encode() for i, arg in enumerate(sys.argv[4:7])))
    elif mode == "ed25519":
        ed25519(int(sys.argv[2]), sys.argv[3])
    elif mode == "server":
        server(sys.argv[2])
    elif mode == "payload":
        payload(sys.argv[2])
    else:
        sys.exit(f"unknown mode {mode!r}")
