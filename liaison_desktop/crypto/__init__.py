"""Thin layer over `cryptography`: key derivation, authenticated encryption, secrets in memory."""
