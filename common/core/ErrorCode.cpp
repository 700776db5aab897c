// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/core/ErrorCode.h"

#include <algorithm>
#include <array>
#include <utility>

namespace steward {
namespace {

// Explicit enum <-> name table, so renaming an enum value can never change the wire.
constexpr std::array<std::pair<ErrorCode, std::string_view>, 38> Names{{
    {ErrorCode::Internal, "internal"},
    {ErrorCode::InvalidArgument, "invalid_argument"},
    {ErrorCode::NotFound, "not_found"},
    {ErrorCode::AlreadyExists, "already_exists"},
    {ErrorCode::Conflict, "conflict"},
    {ErrorCode::Unauthenticated, "unauthenticated"},
    {ErrorCode::NotAuthorised, "not_authorised"},
    {ErrorCode::MalformedMessage, "malformed_message"},
    {ErrorCode::UnknownMessageType, "unknown_message_type"},
    {ErrorCode::MissingField, "missing_field"},
    {ErrorCode::WrongFieldType, "wrong_field_type"},
    {ErrorCode::InvalidValue, "invalid_value"},
    {ErrorCode::FrameTooLarge, "frame_too_large"},
    {ErrorCode::IncompatibleVersion, "incompatible_version"},
    {ErrorCode::CryptoFailure, "crypto_failure"},
    {ErrorCode::BadPassword, "bad_password"},
    {ErrorCode::UnsupportedAlgorithm, "unsupported_algorithm"},
    {ErrorCode::WeakSignature, "weak_signature"},
    {ErrorCode::ChainNotAllowed, "chain_not_allowed"},
    {ErrorCode::InvalidCertificate, "invalid_certificate"},
    {ErrorCode::KeyMismatch, "key_mismatch"},
    {ErrorCode::UntrustedCertificate, "untrusted_certificate"},
    {ErrorCode::CertificateExpired, "certificate_expired"},
    {ErrorCode::SignatureInvalid, "signature_invalid"},
    {ErrorCode::IoError, "io_error"},
    {ErrorCode::FileNotFound, "file_not_found"},
    {ErrorCode::InvalidConfig, "invalid_config"},
    {ErrorCode::TlsHandshakeFailed, "tls_handshake_failed"},
    {ErrorCode::PeerCertificateMissing, "peer_certificate_missing"},
    {ErrorCode::PeerCertificateMismatch, "peer_certificate_mismatch"},
    {ErrorCode::ConnectionFailed, "connection_failed"},
    {ErrorCode::ConnectionClosed, "connection_closed"},
    {ErrorCode::Timeout, "timeout"},
    {ErrorCode::DatabaseUnavailable, "database_unavailable"},
    {ErrorCode::DatabaseTooNew, "database_too_new"},
    {ErrorCode::DatabaseError, "database_error"},
    {ErrorCode::AccountLocked, "account_locked"},
    {ErrorCode::OverwriteRefused, "overwrite_refused"},
}};

} // namespace

std::string_view errorCodeName(ErrorCode code)
{
    const auto it = std::find_if(Names.begin(), Names.end(),
                                 [code](const auto& entry) { return entry.first == code; });
    return it != Names.end() ? it->second : std::string_view("internal");
}

std::optional<ErrorCode> errorCodeFromName(std::string_view name)
{
    const auto it = std::find_if(Names.begin(), Names.end(),
                                 [name](const auto& entry) { return entry.second == name; });
    if (it == Names.end()) {
        return std::nullopt;
    }
    return it->first;
}

const std::vector<ErrorCode>& allErrorCodes()
{
    static const std::vector<ErrorCode> codes = [] {
        std::vector<ErrorCode> all;
        for (const auto& entry : Names) {
            all.push_back(entry.first);
        }
        return all;
    }();
    return codes;
}

} // namespace steward
