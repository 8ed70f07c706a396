"""Encrypts a hex plaintext to a hex ML-KEM-768 public key the way bittensor 11 shields an extrinsic.

Usage: mlkem_encrypt.py <public key hex> <plaintext hex>; prints the ciphertext as hex.
"""

import sys

import bittensor_core

public_key, plaintext = (bytes.fromhex(arg.removeprefix("0x")) for arg in sys.argv[1:3])
print(bittensor_core.encrypt_mlkem768(public_key, plaintext, include_key_hash=True).hex())
