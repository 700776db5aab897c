#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Steward contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# make-test-pki.sh - regenerates the TEST-ONLY PKI in this folder with the openssl CLI.
# The private keys are public (committed); never use any of these files outside tests.
set -euo pipefail
cd "$(dirname "$0")"

days=36500 # 100 years: tests must not start failing when a certificate expires
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ec_key() { openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
rsa_key() { openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }

# make_ca NAME CN
make_ca() {
  ec_key "$1.key"
  openssl req -new -x509 -sha256 -days "$days" -key "$1.key" -out "$1.crt" -subj "/O=Steward Test/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash"
}

# make_leaf NAME CN CA EXTENSIONS
make_leaf() {
  ec_key "$1.key"
  openssl req -new -sha256 -key "$1.key" -out "$work/$1.csr" -subj "/O=Steward Test/CN=$2"
  printf '%s\n' "$4" >"$work/$1.ext"
  openssl x509 -req -sha256 -days "$days" -in "$work/$1.csr" -CA "$3.crt" -CAkey "$3.key" \
    -set_serial "0x$(openssl rand -hex 16)" -extfile "$work/$1.ext" -out "$1.crt"
}

# make_shadow NAME CN: a self-signed RSA certificate, like an agent's shadow certificate
make_shadow() {
  rsa_key "$1.key"
  openssl req -new -x509 -sha256 -days "$days" -key "$1.key" -out "$1.crt" -subj "/O=Steward Test/CN=$2" \
    -addext "basicConstraints=critical,CA:FALSE" \
    -addext "keyUsage=critical,digitalSignature,keyEncipherment" \
    -addext "extendedKeyUsage=serverAuth" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1"
}

leaf_common="basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
authorityKeyIdentifier=keyid"

make_ca ca "Steward Test CA"
make_leaf server localhost ca "$leaf_common
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"
make_leaf client "test-device-1" ca "$leaf_common
extendedKeyUsage=clientAuth"

make_ca foreign-ca "Foreign Test CA"
make_leaf foreign-client "foreign-device" foreign-ca "$leaf_common
extendedKeyUsage=clientAuth"
make_leaf foreign-server localhost foreign-ca "$leaf_common
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"

make_shadow shadow-a "test-agent-shadow-a"
make_shadow shadow-b "test-agent-shadow-b"

# The fingerprints as openssl prints them, so tests can check ours against an independent tool.
for crt in ./*.crt; do
  openssl x509 -in "$crt" -noout -fingerprint -sha256 | cut -d= -f2 >"$crt.sha256"
done

rm -f ./*.srl
echo "test PKI written to $(pwd)"
