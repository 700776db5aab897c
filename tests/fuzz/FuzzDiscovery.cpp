// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FuzzDiscovery - libFuzzer target: every UDP datagram through the discovery decoder.
#include "common/protocol/Discovery.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace steward::protocol::discovery;

namespace {

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_discovery: invariant broken: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto decoded = decode(bytes);
    if (!decoded) {
        require(!decoded.error().message.isEmpty(), "a failure names its problem");
        return 0;
    }
    // The canonical form is stable: encode → decode → encode gives the same bytes.
    const QByteArray encoded = encode(*decoded);
    const auto again = decode(encoded);
    require(again.ok(), "a re-encoded datagram decodes");
    require(encode(*again) == encoded, "encoding is stable");
    if (const auto* offer = std::get_if<Offer>(&*decoded)) {
        // The signed terms are parsed too (after the signature, on the agent).
        if (const auto terms = decodeTerms(offer->terms); terms) {
            require(decodeTerms(encodeTerms(*terms)).ok(), "re-encoded terms decode");
        }
    }
    return 0;
}
