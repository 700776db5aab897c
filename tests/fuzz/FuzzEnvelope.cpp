// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FuzzEnvelope - libFuzzer target: every frame through the full decode path, round trips checked.
#include "common/protocol/Decoder.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace steward::protocol;

namespace {

// A broken invariant is a finding: print what broke and abort, so libFuzzer saves the input.
void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_envelope: invariant broken: %s\n", what);
        std::abort();
    }
}

// Re-encoded frames may differ in size from the input (escapes, numbers), so the round trip
// gets a generous limit of its own.
constexpr qsizetype RoundTripLimit = 8 * MaxMessageBytes;

void checkFailure(const DecodeFailure& failure)
{
    require(!failure.error.message.isEmpty(), "a failure names its problem");
    const auto reply = errorReplyFrame(failure);
    require(reply.has_value() == failure.requestId.has_value(),
            "a reply exactly when an id is known");
    if (!reply) {
        return;
    }
    const auto decoded = decodeFrame(*reply, RoundTripLimit);
    require(decoded.ok(), "an error reply decodes");
    require(decoded.message().re == failure.requestId, "an error reply answers the request id");
    const auto* error = std::get_if<ErrorMessage>(&decoded.message().message);
    require(error != nullptr, "an error reply is an error message");
    require(errorCode(*error) == failure.error.code, "an error reply keeps the code");
}

void checkRoundTrip(const IncomingMessage& incoming)
{
    const QByteArray encoded = encodeMessage(incoming.message, incoming.id, incoming.re);
    const auto again = decodeFrame(encoded, RoundTripLimit);
    require(again.ok(), "a re-encoded message decodes");
    require(again.message() == incoming, "a re-encoded message decodes to the same message");
    require(encodeMessage(again.message().message, again.message().id, again.message().re)
                == encoded,
            "encoding is stable");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray frame(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto decoded = decodeFrame(frame);
    if (decoded.ok()) {
        checkRoundTrip(decoded.message());
    } else {
        checkFailure(decoded.failure());
    }
    return 0;
}
