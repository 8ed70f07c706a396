"""The real btwallet (PyPI bittensor-wallet, pinned in .ci/python/requirements-v10.txt) writing and reading
keyfiles for test/interop/keyfiles.test.ts.

    btwallet_keys.py create <wallets dir> <password>   writes sr25519 and ed25519 wallets; prints their addresses as JSON
    btwallet_keys.py load <wallets dir> <name> <password>   loads a wallet we wrote; prints its addresses and key types as JSON
"""
import json
import sys

from bittensor_wallet import Wallet

SCHEMES = {"sr25519": 1, "ed25519": 0}


def create(path, password):
    out = {}
    for scheme, code in SCHEMES.items():
        wallet = Wallet(name=f"py-{scheme}", hotkey="default", path=path)
        wallet.create_new_coldkey(n_words=12, use_password=True, overwrite=True, suppress=True, coldkey_password=password, crypto_type=code)
        wallet.create_new_hotkey(n_words=12, use_password=False, overwrite=True, suppress=True, crypto_type=code)
        plain = Wallet(name=f"py-{scheme}-plain", hotkey="default", path=path)
        plain.create_new_coldkey(n_words=12, use_password=False, overwrite=True, suppress=True, crypto_type=code)
        out[scheme] = {
            "coldkey": wallet.coldkeypub.ss58_address,
            "hotkey": wallet.hotkey.ss58_address,
            "plainColdkey": plain.coldkeypub.ss58_address,
        }
    print(json.dumps(out))


def load(path, name, password):
    wallet = Wallet(name=name, hotkey="default", path=path)
    coldkey = wallet.coldkey_file.get_keypair(password=password)
    print(json.dumps({
        "coldkey": coldkey.ss58_address,
        "coldkeypub": wallet.coldkeypub.ss58_address,
        "hotkey": wallet.hotkey.ss58_address,
        "cryptoTypes": [coldkey.crypto_type, wallet.coldkeypub.crypto_type, wallet.hotkey.crypto_type],
    }))


if __name__ == "__main__":
    if sys.argv[1] == "create":
        create(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "load":
        load(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(f"unknown mode {sys.argv[1]!r}")
