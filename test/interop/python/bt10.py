"""The real bittensor 10 SDK (Axon, Dendrite, Synapse) on the other end of our v10 wire
(driven by test/interop/v10.test.ts).

    bt10.py dendrite <port> <axon hotkey ss58>   queries our axon as a v10 validator; prints one JSON line per query
    bt10.py factorize <port> <axon hotkey ss58> <n>
                                                 queries a generated subnet's miner with the README's Factorize class
    bt10.py axon <wallet dir>                    serves Echo on a v10 Axon as //Bob; prints its port, stops on stdin EOF
"""
import json
import socket
import sys
import time
from typing import ClassVar, Optional

import bittensor as bt
import bittensor.core.dendrite as dendrite_module
from bittensor_wallet import Keypair, Wallet

# The dendrite asks the internet for its external IP, which a CI box may not reach; any address that is
# not the target's will do (an equal one makes the dendrite connect to 0.0.0.0 instead).
dendrite_module.networking.get_external_ip = lambda: "203.0.113.7"


class Echo(bt.Synapse):
    prompt: str
    numbers: list[int]
    answer: Optional[str] = None
    required_hash_fields: ClassVar[tuple[str, ...]] = ("prompt", "numbers")


class Fails(bt.Synapse):
    mode: str
    n: Optional[int] = None


# What the generated README tells a Python SDK 10 validator to define for the template's synapse.
class Factorize(bt.Synapse):
    n: int
    factors: Optional[list[int]] = None
    required_hash_fields: ClassVar[tuple[str, ...]] = ("n",)


def query_as_alice(port, axon_hotkey, synapses, answer_field):
    d = bt.Dendrite(wallet=Keypair.create_from_uri("//Alice"))
    target = bt.AxonInfo(version=10005000, ip="127.0.0.1", port=port, ip_type=4, hotkey=axon_hotkey, coldkey=axon_hotkey)
    for synapse in synapses:
        r = d.query(target, synapse, timeout=10, deserialize=False)
        print(json.dumps({
            "name": r.name,
            "status": r.dendrite.status_code,
            "message": r.dendrite.status_message,
            "answer": getattr(r, answer_field, None),
            "axon_status": r.axon.status_code,
        }), flush=True)


def dendrite(port, axon_hotkey):
    query_as_alice(port, axon_hotkey, (Echo(prompt="hi", numbers=[1, 2]), Echo(prompt="again", numbers=[]), Fails(mode="conflict")), "answer")


def axon(wallet_dir):
    wallet = Wallet(name="bob", hotkey="default", path=wallet_dir)
    wallet.create_coldkey_from_uri("//Bob", use_password=False, overwrite=True, suppress=True)
    wallet.create_hotkey_from_uri("//Bob", use_password=False, overwrite=True, suppress=True)
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()

    def forward(synapse: Echo) -> Echo:
        synapse.answer = f"{synapse.prompt}:{','.join(map(str, synapse.numbers))}"
        return synapse

    server = bt.Axon(wallet=wallet, ip="127.0.0.1", port=port, external_ip="127.0.0.1")
    server.attach(forward_fn=forward)
    server.start()
    deadline = time.time() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.time() > deadline:
                sys.exit("the v10 axon did not start listening within 30 s")
            time.sleep(0.1)
    print(port, flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    if sys.argv[1] == "dendrite":
        dendrite(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1] == "factorize":
        query_as_alice(int(sys.argv[2]), sys.argv[3], (Factorize(n=int(sys.argv[4])),), "factors")
    elif sys.argv[1] == "axon":
        axon(sys.argv[2])
    else:
        sys.exit(f"unknown mode {sys.argv[1]!r}")
